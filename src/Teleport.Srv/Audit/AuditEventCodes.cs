namespace Teleport.Srv.Audit;

/// <summary>The node's audit events: Teleport's event names and codes, so tools that read Teleport's log read ours.</summary>
public static class AuditEventCodes
{
    public const string Auth = "auth";
    public const string AuthFailureCode = "T3007W";

    public const string SessionStart = "session.start";
    public const string SessionStartCode = "T2000I";

    public const string SessionEnd = "session.end";
    public const string SessionEndCode = "T2004I";

    public const string Exec = "exec";
    public const string ExecCode = "T3002I";
    public const string ExecFailureCode = "T3002E";

    public const string PortForward = "port";
    public const string PortForwardCode = "T3003I";
    public const string PortForwardFailureCode = "T3003E";

    public const string Scp = "scp";
    public const string ScpUploadCode = "T3004I";
    public const string ScpUploadFailureCode = "T3004E";
    public const string ScpDownloadCode = "T3005I";
    public const string ScpDownloadFailureCode = "T3005E";

    public const string Sftp = "sftp";
}
