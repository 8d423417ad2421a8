using Microsoft.Extensions.Logging;
using Teleport.Api.Client;

namespace Teleport.Srv.Recording;

/// <summary>
/// Uploads finished recordings to Auth and removes the local copy once Auth has it. A recording
/// that cannot be sent now (Auth away) stays under <c>data_dir/log/upload/sessions</c> and is sent
/// by the next pass, at the latest on the next start.
/// </summary>
public sealed class RecordingUploader : IAsyncDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(30);

    private readonly AuthClient _client;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly Task _retryLoop;

    public RecordingUploader(AuthClient client, string dataDirectory, ILogger logger)
    {
        _client = client;
        _logger = logger;
        Directory = Path.Combine(dataDirectory, "log", "upload", "sessions");
        _retryLoop = RetryLoopAsync(_stopping.Token);
    }

    /// <summary>Where sessions are recorded while they run.</summary>
    public string Directory { get; }

    /// <summary>
    /// Recordings of sessions the node did not see end (it was killed) are complete as far as they
    /// go: they are marked finished and sent like the others.
    /// </summary>
    public void RecoverInterrupted()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return;
        }

        foreach (string path in System.IO.Directory.EnumerateFiles(Directory, "*" + SessionRecorder.FileExtension))
        {
            File.Move(path, path + ".done", overwrite: true);
        }

        UploadPending();
    }

    /// <summary>Sends every finished recording now (in the background).</summary>
    public void UploadPending() => _ = UploadAllAsync(_stopping.Token);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _retryLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _pass.WaitAsync().ConfigureAwait(false);
        _pass.Dispose();
        _stopping.Dispose();
    }

    private async Task RetryLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await UploadAllAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(RetryInterval, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task UploadAllAsync(CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return;
        }

        try
        {
            await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            foreach (string path in System.IO.Directory.EnumerateFiles(Directory, "*" + SessionRecorder.FileExtension + ".done"))
            {
                string sessionId = Path.GetFileName(path)[..^(SessionRecorder.FileExtension.Length + 5)];
                try
                {
                    FileStream file = File.OpenRead(path);
                    await using (file.ConfigureAwait(false))
                    {
                        await _client.UploadRecordingAsync(sessionId, file, cancellationToken).ConfigureAwait(false);
                    }

                    File.Delete(path);
                    _logger.LogDebug("Uploaded the recording of session {Session}", sessionId);
                }
                catch (Exception e) when (e is AuthApiException or HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    _logger.LogWarning("The recording of session {Session} stays on this node for now: {Error}", sessionId, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: what is left goes on the next start.
        }
        finally
        {
            _pass.Release();
        }
    }
}
