using System.Globalization;
using System.Text;
using Teleport.Backend;

namespace Teleport.Auth.Audit;

/// <summary>
/// The cluster's audit log. Each event is stamped (uid, time, cluster), stored in the backend
/// under a key ordered by time, so a time range is one range read, and appended as a JSON line to
/// <c>&lt;data_dir&gt;/log/events/&lt;date&gt;.log</c> (mode 0600) for people and log shippers.
/// </summary>
public sealed class AuditLog : IDisposable
{
    public const int MaxSearchLimit = 10_000;

    private readonly IBackend _backend;
    private readonly string _clusterName;
    private readonly TimeProvider _clock;
    private readonly string? _directory;
    private readonly SemaphoreSlim _fileLock = new(1, 1);
    private FileStream? _file;
    private string? _fileDate;

    /// <param name="logDirectory">Where the JSON lines go; null to keep events in the backend only.</param>
    public AuditLog(IBackend backend, string clusterName, TimeProvider clock, string? logDirectory)
    {
        _backend = backend;
        _clusterName = clusterName;
        _clock = clock;
        _directory = logDirectory;
        if (_directory is not null)
        {
            Directory.CreateDirectory(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Stamps and records <paramref name="auditEvent"/>; returns once it is durable in the backend.</summary>
    public async Task<AuditEvent> EmitAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        DateTimeOffset now = _clock.GetUtcNow();
        auditEvent.Stamp(Guid.NewGuid().ToString(), now, auditEvent.Index, _clusterName);
        string json = auditEvent.ToJson();
        await _backend.PutAsync(new Item(KeyFor(now, auditEvent.Uid), Encoding.UTF8.GetBytes(json)), cancellationToken).ConfigureAwait(false);
        if (_directory is not null)
        {
            await AppendLineAsync(now, json, cancellationToken).ConfigureAwait(false);
        }

        return auditEvent;
    }

    /// <summary>Events with <paramref name="from"/> &lt;= time &lt; <paramref name="to"/>, oldest first, of the given types (all when empty).</summary>
    public async Task<IReadOnlyList<AuditEvent>> SearchAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string> types, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(types);
        limit = limit <= 0 ? 1000 : Math.Min(limit, MaxSearchLimit);
        var found = new List<AuditEvent>();
        string start = TimeKey(from);
        string end = TimeKey(to);
        while (found.Count < limit)
        {
            // Page through the range so a type filter never makes us read everything at once.
            IReadOnlyList<Item> page = await _backend.GetRangeAsync(start, end, 1000, cancellationToken).ConfigureAwait(false);
            foreach (Item item in page)
            {
                AuditEvent auditEvent = AuditEvent.Parse(Encoding.UTF8.GetString(item.Value.Span));
                if (types.Count == 0 || types.Contains(auditEvent.Type))
                {
                    found.Add(auditEvent);
                    if (found.Count == limit)
                    {
                        break;
                    }
                }
            }

            if (page.Count < 1000)
            {
                break;
            }

            start = page[^1].Key + "\0";
        }

        return found;
    }

    public void Dispose()
    {
        _file?.Dispose();
        _fileLock.Dispose();
    }

    private static string KeyFor(DateTimeOffset time, string uid) => TimeKey(time) + "/" + uid;

    /// <summary>Fixed-width ticks, so key order is time order.</summary>
    private static string TimeKey(DateTimeOffset time) =>
        Keys.Key("events", time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture));

    private async Task AppendLineAsync(DateTimeOffset now, string json, CancellationToken cancellationToken)
    {
        string date = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        byte[] line = Encoding.UTF8.GetBytes(json + "\n");
        await _fileLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_file is null || _fileDate != date)
            {
                if (_file is not null)
                {
                    await _file.DisposeAsync().ConfigureAwait(false);
                }

                _file = new FileStream(Path.Combine(_directory!, date + ".log"), new FileStreamOptions
                {
                    Mode = FileMode.Append,
                    Access = FileAccess.Write,
                    Share = FileShare.Read,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
                _fileDate = date;
            }

            await _file.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fileLock.Release();
        }
    }
}
