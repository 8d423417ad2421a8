using System.Collections.Concurrent;
using System.Diagnostics;
using Teleport.Client.Ssh;
using Teleport.Ssh;
using Teleport.Ssh.Connection.Session;

namespace Teleport.Client.Bench;

/// <summary>
/// Starts sessions at a steady rate, each over a fresh SSH connection through the proxy like
/// Teleport's bench, and measures each from dial to exit. Keys are parsed once (in
/// <see cref="ClusterClient"/>); a session costs two SSH handshakes and nothing else.
/// </summary>
public static class BenchRunner
{
    public static async Task<BenchResult> RunAsync(ClusterClient client, BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var latencies = new ConcurrentBag<TimeSpan>();
        int failed = 0;
        Exception? lastError = null;
        var running = new List<Task>();
        TimeSpan interval = TimeSpan.FromSeconds(1.0 / options.Rate);
        var clock = Stopwatch.StartNew();
        for (int i = 0; clock.Elapsed < options.Duration; i++)
        {
            TimeSpan due = interval * i;
            if (due >= options.Duration)
            {
                break;
            }

            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken).ConfigureAwait(false);
            }

            running.Add(Task.Run(
                async () =>
                {
                    long started = Stopwatch.GetTimestamp();
                    try
                    {
                        await RunOneAsync(client, options, cancellationToken).ConfigureAwait(false);
                        latencies.Add(Stopwatch.GetElapsedTime(started));
                    }
                    catch (Exception e) when (e is ClientException or SshException or IOException or TimeoutException)
                    {
                        Interlocked.Increment(ref failed);
                        lastError = e;
                    }
                },
                cancellationToken));
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        return new BenchResult(running.Count, failed, [.. latencies], lastError);
    }

    private static async Task RunOneAsync(ClusterClient client, BenchOptions options, CancellationToken cancellationToken)
    {
        NodeConnection connection = await client.ConnectToNodeAsync(options.Login, options.Host, options.Port, handlers: null, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            SshSession session = await connection.Node.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                if (options.Interactive)
                {
                    await session.RequestPtyAsync("xterm", 80, 25).ConfigureAwait(false);
                    await session.StartShellAsync().ConfigureAwait(false);
                    await session.Channel.WriteAsync(System.Text.Encoding.UTF8.GetBytes(options.Command + "\nexit\n"), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await session.ExecAsync(options.Command).ConfigureAwait(false);
                    session.Channel.SendEof();
                }

                Task drainOut = DrainAsync(session.Channel.GetStream(), cancellationToken);
                Task drainErr = DrainAsync(session.Channel.GetExtendedStream(), cancellationToken);
                await Task.WhenAll(drainOut, drainErr).ConfigureAwait(false);
                SessionExit exit = await session.Exit.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
                if (exit.ExitCode is not 0)
                {
                    throw new ClientException($"the command ended with {SessionRunner.ExitCodeOf(exit).Code}");
                }
            }
        }
    }

    private static async Task DrainAsync(Stream stream, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[16 * 1024];
        while (await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
            // Output is not part of the measurement; read it so the window keeps opening.
        }
    }
}
