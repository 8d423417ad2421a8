namespace Teleport.Ssh.Agent;

/// <summary>
/// The keys an <see cref="SshAgentServer"/> holds, safe for concurrent connections. Behaves like
/// OpenSSH's ssh-agent: identities are told apart by their public blob (a key and a certificate of
/// it are two identities), adding one already held replaces it in place, and keys past their
/// lifetime are dropped before every operation and by a timer, so expired keys do not linger in memory.
/// </summary>
internal sealed class AgentKeyring : IDisposable
{
    /// <summary>Timers cannot wait past ~49 days; a later expiry is reached by waking up and waiting again.</summary>
    private static readonly TimeSpan MaxTimerWait = TimeSpan.FromDays(1);

    private readonly Lock _lock = new();
    private readonly List<AgentKeyringEntry> _entries = [];
    private readonly TimeProvider _timeProvider;
    private ITimer? _reaper;
    private bool _disposed;

    public AgentKeyring(TimeProvider timeProvider) => _timeProvider = timeProvider;

    public DateTimeOffset Now => _timeProvider.GetUtcNow();

    public void Add(AgentKeyringEntry entry)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                entry.Dispose();
                throw new ObjectDisposedException(nameof(SshAgentServer));
            }

            ReapExpired();
            int index = IndexOf(entry.Identity.Blob);
            if (index >= 0)
            {
                _entries[index].Dispose();
                _entries[index] = entry;
            }
            else
            {
                _entries.Add(entry);
            }

            ScheduleReaper();
        }
    }

    public bool Remove(ReadOnlySpan<byte> identityBlob)
    {
        lock (_lock)
        {
            ReapExpired();
            int index = IndexOf(identityBlob);
            if (index < 0)
            {
                return false;
            }

            _entries[index].Dispose();
            _entries.RemoveAt(index);
            return true;
        }
    }

    public void RemoveAll()
    {
        lock (_lock)
        {
            DisposeAll();
        }
    }

    public List<SshAgentIdentity> List()
    {
        lock (_lock)
        {
            ReapExpired();
            return _entries.ConvertAll(entry => entry.ToIdentity());
        }
    }

    public AgentKeyringEntry? Find(ReadOnlySpan<byte> identityBlob)
    {
        lock (_lock)
        {
            ReapExpired();
            int index = IndexOf(identityBlob);
            return index < 0 ? null : _entries[index];
        }
    }

    /// <summary>
    /// Signs with an entry found earlier, if it is still held: it may have been removed, replaced or
    /// expired meanwhile (while a confirmation was pending), and its key disposed. Signing under the
    /// lock keeps a concurrent removal from disposing the key mid-signature.
    /// </summary>
    public byte[]? Sign(AgentKeyringEntry entry, string signatureAlgorithm, ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            ReapExpired();
            return _entries.Contains(entry) ? entry.Key.Sign(signatureAlgorithm, data) : null;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            DisposeAll();
        }
    }

    private int IndexOf(ReadOnlySpan<byte> identityBlob)
    {
        for (int i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Identity.Blob.SequenceEqual(identityBlob))
            {
                return i;
            }
        }

        return -1;
    }

    private void DisposeAll()
    {
        foreach (AgentKeyringEntry entry in _entries)
        {
            entry.Dispose();
        }

        _entries.Clear();
        _reaper?.Dispose();
        _reaper = null;
    }

    private void ReapExpired()
    {
        DateTimeOffset now = Now;
        _entries.RemoveAll(entry =>
        {
            if (entry.ExpiresAt <= now)
            {
                entry.Dispose();
                return true;
            }

            return false;
        });
    }

    private void ScheduleReaper()
    {
        DateTimeOffset? next = null;
        foreach (AgentKeyringEntry entry in _entries)
        {
            if (entry.ExpiresAt is { } expiry && (next is null || expiry < next))
            {
                next = expiry;
            }
        }

        _reaper?.Dispose();
        _reaper = null;
        if (next is { } due && !_disposed)
        {
            TimeSpan wait = due - Now;
            wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxTimerWait ? MaxTimerWait : wait;
            _reaper = _timeProvider.CreateTimer(_ => OnReaperTimer(), state: null, wait, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnReaperTimer()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            ReapExpired();
            ScheduleReaper();
        }
    }
}
