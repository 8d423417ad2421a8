namespace Teleport.Ssh.Auth;

/// <summary>One prompt of a keyboard-interactive round (RFC 4256 §3.2); <see cref="Echo"/> false hides the answer.</summary>
public readonly record struct KeyboardInteractivePrompt(string Prompt, bool Echo);
