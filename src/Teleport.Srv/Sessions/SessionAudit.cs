using System.Globalization;
using Teleport.Srv.Audit;
using Teleport.Srv.Processes;
using Teleport.Ssh.Connection.Session;

namespace Teleport.Srv.Sessions;

/// <summary>
/// The audit events of one session, with Teleport's fields: <c>session.start</c> and
/// <c>session.end</c> (participants, times, interactive or not) for every session, <c>exec</c>
/// (command and exit code) for commands, <c>scp</c> for legacy scp transfers.
/// </summary>
internal sealed class SessionAudit(NodeConnection connection, string sessionId, bool interactive, string? command, SessionKind kind)
{
    private readonly DateTimeOffset _started = connection.Node.Clock.GetUtcNow();
    private bool _recorded;

    public void Started(PtyRequest? pty, bool recorded)
    {
        _recorded = recorded;
        AuditEventBuilder start = Common(AuditEventCodes.SessionStart, AuditEventCodes.SessionStartCode)
            .Set("session_recording", recorded ? "node" : "off")
            .Set("proto", "ssh");
        if (pty is not null)
        {
            start.Set("size", string.Create(CultureInfo.InvariantCulture, $"{pty.Columns}:{pty.Rows}"));
        }

        if (command is not null)
        {
            start.Set("initial_command", [command]);
        }

        connection.Node.Audit.Emit(start);
    }

    /// <summary>The process could not start (unknown program, a login this node cannot become).</summary>
    public void Failed(string error)
    {
        if (kind == SessionKind.Exec)
        {
            connection.Node.Audit.Emit(Common(AuditEventCodes.Exec, AuditEventCodes.ExecFailureCode)
                .Set("command", command)
                .Set("exitCode", "255")
                .Set("exitError", error));
        }
    }

    public void Ended(ProcessExit? exit)
    {
        DateTimeOffset stopped = connection.Node.Clock.GetUtcNow();
        if (kind == SessionKind.Exec && exit is not null)
        {
            int code = exit.ExitCode ?? 128 + (exit.Signal ?? 0);
            connection.Node.Audit.Emit(Common(AuditEventCodes.Exec, code == 0 ? AuditEventCodes.ExecCode : AuditEventCodes.ExecFailureCode)
                .Set("command", command)
                .Set("exitCode", code.ToString(CultureInfo.InvariantCulture))
                .Set("exitError", exit.Signal is int signal ? $"signal {SignalNames.NameOf(signal)}" : code == 0 ? null : $"exit status {code}"));
        }

        connection.Node.Audit.Emit(Common(AuditEventCodes.SessionEnd, AuditEventCodes.SessionEndCode)
            .Set("participants", [connection.User.UserName])
            .Set("session_start", Format(_started))
            .Set("session_stop", Format(stopped))
            .Set("enhanced_recording", false)
            .Set("session_recording", _recorded ? "node" : "off"));
    }

    public static void EmitScp(NodeConnection connection, string sessionId, FileCopyCommand copy, string? error)
    {
        string code = copy.IsUpload
            ? error is null ? AuditEventCodes.ScpUploadCode : AuditEventCodes.ScpUploadFailureCode
            : error is null ? AuditEventCodes.ScpDownloadCode : AuditEventCodes.ScpDownloadFailureCode;
        connection.Node.Audit.Emit(connection.Node.Event(AuditEventCodes.Scp, code)
            .Set("user", connection.User.UserName)
            .Set("login", connection.User.Login)
            .Set("sid", sessionId)
            .Set("addr.remote", connection.Remote?.ToString())
            .Set("addr.local", connection.Local?.ToString())
            .Set("command", copy.Command)
            .Set("path", copy.Path)
            .Set("action", copy.IsUpload ? "upload" : "download")
            .Set("success", error is null)
            .Set("error", error));
    }

    private AuditEventBuilder Common(string type, string code) =>
        connection.Node.Event(type, code)
            .Set("user", connection.User.UserName)
            .Set("login", connection.User.Login)
            .Set("sid", sessionId)
            .Set("addr.remote", connection.Remote?.ToString())
            .Set("addr.local", connection.Local?.ToString())
            .Set("interactive", interactive)
            .Set("session_type", kind == SessionKind.Sftp ? "sftp" : "ssh");

    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
