using Teleport.Ssh.Connection.Session;

namespace Teleport.Srv.Processes;

/// <summary>The terminal a pty-req asked for (RFC 4254 §6.2): type, size, and encoded modes (§8).</summary>
public sealed record PtyOptions(string Term, uint Columns, uint Rows, uint WidthPixels, uint HeightPixels, IReadOnlyList<TerminalMode> Modes);
