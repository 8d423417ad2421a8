using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Teleport.Api.Client;

namespace Teleport.Srv.Audit;

/// <summary>
/// Sends the node's audit events to Auth in the background, in order, retrying while Auth is away,
/// so a session never waits on the audit log. The queue is bounded: past 10,000 unsent events the
/// oldest are dropped, and the log says so.
/// </summary>
public sealed class AuditEmitter : IAsyncDisposable
{
    private const int Capacity = 10_000;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private readonly AuthClient _client;
    private readonly ILogger _logger;
    private readonly Channel<AuditEventBuilder> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _sender;

    public AuditEmitter(AuthClient client, ILogger logger)
    {
        _client = client;
        _logger = logger;
        _queue = Channel.CreateBounded<AuditEventBuilder>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => logger.LogWarning("Audit event {Event} dropped: Auth has been unreachable for {Count} events", dropped.Type, Capacity));
        _sender = SendLoopAsync(_stopping.Token);
    }

    public void Emit(AuditEventBuilder auditEvent) => _queue.Writer.TryWrite(auditEvent);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();

        // Give queued events a moment to reach Auth on a clean shutdown.
        await Task.WhenAny(_sender, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _sender.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    /// <summary>A client error at once, a server error after five tries; "unavailable" (Auth away or unreachable) never.</summary>
    private static bool Refused(AuthApiException e, int attempt) =>
        (int)e.Status is >= 400 and < 500 || ((int)e.Status >= 500 && e.Status != System.Net.HttpStatusCode.ServiceUnavailable && attempt >= 5);

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (AuditEventBuilder auditEvent in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            JsonElement json = auditEvent.ToJson();
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await _client.EmitEventAsync(json, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (AuthApiException e) when (Refused(e, attempt))
                {
                    // Auth answered and will not take it: retrying cannot help, and must not hold up the events behind it.
                    _logger.LogWarning("Auth refused audit event {Event}: {Error}", auditEvent.Type, e.Message);
                    break;
                }
                catch (Exception e) when (e is AuthApiException or HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    _logger.LogDebug("Audit event {Event} not sent yet: {Error}", auditEvent.Type, e.Message);
                    await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
