namespace Teleport.Ssh.Connection.Session;

/// <summary>One encoded terminal mode (RFC 4254 §8): an opcode such as VINTR (1) or ECHO (53) and its value.</summary>
public readonly record struct TerminalMode(byte Opcode, uint Value);
