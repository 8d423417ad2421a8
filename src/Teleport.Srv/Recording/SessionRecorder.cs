using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Teleport.Srv.Recording;

/// <summary>
/// Writes one interactive session as an asciicast v2 file (docs/recordings.md): a header line with
/// the terminal size and the session's identity, then one line per output chunk
/// (<c>[seconds, "o", text]</c>) and per resize (<c>[seconds, "r", "COLSxROWS"]</c>). Output is
/// decoded as UTF-8 across chunk boundaries, so a character split between two reads is whole in
/// the file. Not thread-safe: the session's output pump and its requests take the lock.
/// </summary>
public sealed class SessionRecorder : IAsyncDisposable
{
    public const string FileExtension = ".cast";

    private readonly FileStream _file;
    private readonly Utf8JsonWriter _json;
    private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();
    private readonly TimeProvider _clock;
    private readonly long _started;
    private readonly Lock _lock = new();
    private char[] _chars = new char[4096];
    private bool _closed;

    private SessionRecorder(string path, FileStream file, TimeProvider clock)
    {
        Path = path;
        _file = file;
        _clock = clock;
        _started = clock.GetTimestamp();
        _json = new Utf8JsonWriter(file, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    public string Path { get; }

    /// <summary>Creates the file (0600) and writes the header.</summary>
    public static SessionRecorder Create(string directory, RecordingHeader header, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(header);
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string path = System.IO.Path.Combine(directory, header.SessionId + FileExtension);
        var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            BufferSize = 8192,
        });
        var recorder = new SessionRecorder(path, file, clock);
        recorder.WriteHeader(header);
        return recorder;
    }

    /// <summary>Terminal output, exactly as sent to the client.</summary>
    public void Output(ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            int needed = _decoder.GetCharCount(data, flush: false);
            if (needed > _chars.Length)
            {
                _chars = new char[Math.Max(needed, _chars.Length * 2)];
            }

            int count = _decoder.GetChars(data, _chars, flush: false);
            if (count == 0)
            {
                return;
            }

            BeginEvent("o");
            _json.WriteStringValue(_chars.AsSpan(0, count));
            EndEvent();
        }
    }

    public void Resize(uint columns, uint rows)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            BeginEvent("r");
            _json.WriteStringValue(string.Create(CultureInfo.InvariantCulture, $"{columns}x{rows}"));
            EndEvent();
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _closed = true;
        }

        await _json.FlushAsync().ConfigureAwait(false);
        await _json.DisposeAsync().ConfigureAwait(false);
        await _file.FlushAsync().ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
    }

    private void WriteHeader(RecordingHeader header)
    {
        _json.WriteStartObject();
        _json.WriteNumber("version", 2);
        _json.WriteNumber("width", header.Columns);
        _json.WriteNumber("height", header.Rows);
        _json.WriteNumber("timestamp", header.Started.ToUnixTimeSeconds());
        _json.WriteStartObject("env");
        _json.WriteString("TERM", header.Term);
        _json.WriteEndObject();
        _json.WriteStartObject("teleport");
        _json.WriteNumber("format", RecordingHeader.FormatVersion);
        _json.WriteString("session_id", header.SessionId);
        _json.WriteString("cluster_name", header.ClusterName);
        _json.WriteString("user", header.User);
        _json.WriteString("login", header.Login);
        _json.WriteString("server_id", header.ServerId);
        _json.WriteString("server_hostname", header.ServerHostname);
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _file.WriteByte((byte)'\n');
    }

    private void BeginEvent(string type)
    {
        double seconds = _clock.GetElapsedTime(_started).TotalSeconds;
        _json.WriteStartArray();
        _json.WriteRawValue(seconds.ToString("0.000000", CultureInfo.InvariantCulture), skipInputValidation: true);
        _json.WriteStringValue(type);
    }

    private void EndEvent()
    {
        _json.WriteEndArray();
        _json.Flush();
        _json.Reset();
        _file.WriteByte((byte)'\n');
    }
}
