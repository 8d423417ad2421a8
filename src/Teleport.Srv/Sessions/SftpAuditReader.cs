using System.Text;
using System.Text.Json;
using Teleport.Srv.Audit;

namespace Teleport.Srv.Sessions;

/// <summary>
/// The sftp subsystem (<c>teleport sftp</c>, running as the user) reports each file operation as a
/// JSON line on its standard error; this turns them into Teleport's <c>sftp</c> audit events.
/// Lines are capped at 64 KiB and anything that is not such a record is ignored.
/// </summary>
internal static class SftpAuditReader
{
    private const int MaxLine = 64 * 1024;

    public static async Task RunAsync(Stream errors, NodeConnection connection, string sessionId)
    {
        using var reader = new StreamReader(errors, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096);
        try
        {
            while (await ReadLineAsync(reader).ConfigureAwait(false) is { } line)
            {
                if (Parse(line) is { } record)
                {
                    connection.Node.Audit.Emit(ToEvent(record, connection, sessionId));
                }
            }
        }
        catch (IOException)
        {
            // The subsystem ended.
        }
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader)
    {
        var line = new StringBuilder();
        char[] one = new char[1];
        while (await reader.ReadAsync(one).ConfigureAwait(false) == 1)
        {
            if (one[0] == '\n')
            {
                return line.ToString();
            }

            if (line.Length < MaxLine)
            {
                line.Append(one[0]);
            }
        }

        return line.Length > 0 ? line.ToString() : null;
    }

    private static JsonElement? Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("action", out _)
                ? document.RootElement.Clone()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static AuditEventBuilder ToEvent(JsonElement record, NodeConnection connection, string sessionId)
    {
        string action = Text(record, "action") ?? "unknown";
        string? error = Text(record, "error");
        AuditEventBuilder auditEvent = connection.Node.Event(AuditEventCodes.Sftp, SftpCodes.For(action, error is null))
            .Set("user", connection.User.UserName)
            .Set("login", connection.User.Login)
            .Set("sid", sessionId)
            .Set("addr.remote", connection.Remote?.ToString())
            .Set("addr.local", connection.Local?.ToString())
            .Set("action", action)
            .Set("path", Text(record, "path"))
            .Set("target_path", Text(record, "target_path"))
            .Set("error", error);
        if (record.TryGetProperty("flags", out JsonElement flags) && flags.ValueKind == JsonValueKind.Number && flags.TryGetInt64(out long value))
        {
            auditEvent.Set("flags", value);
        }

        return auditEvent;
    }

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
