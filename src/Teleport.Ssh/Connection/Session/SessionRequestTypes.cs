namespace Teleport.Ssh.Connection.Session;

/// <summary>Session channel request names (RFC 4254 §6, RFC 4335, OpenSSH PROTOCOL).</summary>
public static class SessionRequestTypes
{
    public const string PtyRequest = "pty-req";
    public const string X11Request = "x11-req";
    public const string Env = "env";
    public const string Shell = "shell";
    public const string Exec = "exec";
    public const string Subsystem = "subsystem";
    public const string WindowChange = "window-change";
    public const string XonXoff = "xon-xoff";
    public const string Signal = "signal";
    public const string ExitStatus = "exit-status";
    public const string ExitSignal = "exit-signal";
    public const string Break = "break";
    public const string AuthAgentRequest = "auth-agent-req@openssh.com";
}
