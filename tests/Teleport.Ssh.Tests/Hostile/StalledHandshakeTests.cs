using System.Diagnostics;
using System.Text;
using Teleport.Ssh.Wire;
using Xunit.Abstractions;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>
/// Clients that start a handshake and never finish it (sshd's LoginGraceTime): each is dropped
/// once the grace time is up, hundreds at once cost little memory, and a well-behaved client is
/// served while they wait.
/// </summary>
[Collection(HostileServerCollection.Name)]
public sealed class StalledHandshakeTests(HostileServerFixture server, ITestOutputHelper output)
{
    private static readonly TimeSpan Grace = HostileServerFixture.LoginGraceTime;

    /// <summary>Timers may fire a little early relative to the test's clock; never by this much.</summary>
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task Handshakes_that_never_finish_are_dropped_after_the_login_grace_time()
    {
        byte[] kexInitPacket = HostileMessages.Frame(HostileMessages.KexInit());
        await Task.WhenAll(
            StallAsync("silent after connecting", () => WithPeerAsync(async peer =>
            {
                Assert.StartsWith("SSH-2.0-", await peer.ReadIdentificationAsync(), StringComparison.Ordinal);
                await peer.ExpectCloseAsync();
            })),
            StallAsync("half an identification line", () => WithPeerAsync(async peer =>
            {
                await peer.SendAsync("SSH-2.0-Stall"u8.ToArray());
                Assert.StartsWith("SSH-2.0-", await peer.ReadIdentificationAsync(), StringComparison.Ordinal);
                await peer.ExpectCloseAsync();
            })),
            StallAsync("silent after the identification", () => WithPeerAsync(async peer =>
            {
                await peer.SendAsync(HostileMessages.VersionLine());
                await peer.ReadServerGreetingAsync();
                Assert.Contains("grace", await peer.ExpectDisconnectAsync(DisconnectReason.ByApplication), StringComparison.Ordinal);
            })),
            StallAsync("half a KEXINIT packet", () => WithPeerAsync(async peer =>
            {
                await peer.SendAsync(HostileMessages.Concat(HostileMessages.VersionLine(), kexInitPacket[..(kexInitPacket.Length / 2)]));
                await peer.ReadServerGreetingAsync();
                Assert.Contains("grace", await peer.ExpectDisconnectAsync(DisconnectReason.ByApplication), StringComparison.Ordinal);
            })),
            StallAsync("silent after the key exchange", async () =>
            {
                await using LibraryClientTransport client = await LibraryClientTransport.ConnectAsync(server.EndPoint, server.HostKey);
                await client.ExpectDisconnectAsync(DisconnectReason.ByApplication);
            }),
            StallAsync("silent after SERVICE_ACCEPT", async () =>
            {
                await using LibraryClientTransport client = await LibraryClientTransport.ConnectAsync(server.EndPoint, server.HostKey);
                client.Send(HostileMessages.ServiceRequest("ssh-userauth"));
                Assert.Equal((byte)MessageNumber.ServiceAccept, (await client.ReceiveAsync())[0]);
                await client.ExpectDisconnectAsync(DisconnectReason.ByApplication);
            }));

        await server.AssertServesWellBehavedClientAsync();
    }

    [Fact]
    public async Task Five_hundred_stalled_connections_cost_little_and_a_good_client_is_served_meanwhile()
    {
        // Warm up first (JIT, pools, the shell), so the baseline holds what one connection leaves behind.
        await server.AssertServesWellBehavedClientAsync();
        long baseline = ManagedHeapSize();

        var started = Stopwatch.StartNew();
        RawSshPeer[] peers = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => RawSshPeer.ConnectAsync(server.EndPoint)));
        try
        {
            // Half send nothing, half the start of an identification line; every one gets the server's line.
            await Task.WhenAll(peers.Select(async (peer, i) =>
            {
                if (i % 2 == 1)
                {
                    await peer.SendAsync(Encoding.ASCII.GetBytes("SSH-2.0-Stall"));
                }

                await peer.ReadIdentificationAsync();
            }));
            TimeSpan stalled = started.Elapsed;

            TimeSpan goodClient = await server.AssertServesWellBehavedClientAsync();
            long during = ManagedHeapSize();
            output.WriteLine($"500 stalled in {stalled.TotalMilliseconds:F0} ms; good client in {goodClient.TotalMilliseconds:F0} ms; heap {baseline / 1e6:F1} MB -> {during / 1e6:F1} MB");
            Assert.True(goodClient < TimeSpan.FromSeconds(10), $"the good client took {goodClient} while 500 connections stalled");

            // A stalled connection costs the server about 25 KB (its 16 KiB receive buffer, socket,
            // transport and timers); the test's own socket adds a few KB. 40 MB for 500 is 80 KB
            // each: room for a busy runtime, yet a connection that held a max-size (256 KiB) packet
            // buffer before any packet arrived would take 128 MB.
            Assert.True(during - baseline < 40_000_000, $"500 stalled connections grew the heap by {(during - baseline) / 1e6:F1} MB");

            await Task.WhenAll(peers.Select(peer => peer.ExpectCloseAsync()));
            Assert.True(started.Elapsed >= Grace - TimerSlack, $"stalled connections were dropped after {started.Elapsed}, before the grace time");
        }
        finally
        {
            foreach (RawSshPeer peer in peers)
            {
                peer.Dispose();
            }
        }

        // Everything a dropped connection held is released.
        await Eventually.WaitAsync(() => ManagedHeapSize() - baseline < 8_000_000, "the heap to shrink back after the stalled connections were dropped");
        await server.AssertServesWellBehavedClientAsync();
    }

    [Fact]
    public async Task Connections_stalled_inside_a_huge_packet_hold_no_buffer_for_bytes_never_sent()
    {
        await server.AssertServesWellBehavedClientAsync();
        long baseline = ManagedHeapSize();

        // Each claims a 256 KiB packet (the most the server accepts), sends 12 bytes of it, and stops.
        byte[] stall = HostileMessages.Concat(HostileMessages.VersionLine(), HostileMessages.Header(256 * 1024 - 4, bodyBytes: 12));
        RawSshPeer[] peers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => RawSshPeer.ConnectAsync(server.EndPoint)));
        try
        {
            await Task.WhenAll(peers.Select(async peer =>
            {
                await peer.SendAsync(stall);
                await peer.ReadServerGreetingAsync();
            }));

            // The good client's login and command take long enough for every stalled packet header to be read.
            await server.AssertServesWellBehavedClientAsync();
            long during = ManagedHeapSize();
            output.WriteLine($"heap {baseline / 1e6:F1} MB -> {during / 1e6:F1} MB for 200 connections stalled inside a packet");

            // About 25 KB each as above; a buffer sized from packet_length alone would be 256 KiB each, 52 MB in all.
            Assert.True(during - baseline < 20_000_000, $"200 connections stalled inside a packet grew the heap by {(during - baseline) / 1e6:F1} MB");
            await Task.WhenAll(peers.Select(peer => peer.ExpectDisconnectAsync(DisconnectReason.ByApplication)));
        }
        finally
        {
            foreach (RawSshPeer peer in peers)
            {
                peer.Dispose();
            }
        }

        await server.AssertServesWellBehavedClientAsync();
    }

    /// <summary>Connects, runs <paramref name="stall"/> (which must see the server give up), and checks the grace time was honoured.</summary>
    private async Task StallAsync(string what, Func<Task> stall)
    {
        var started = Stopwatch.StartNew();
        await stall();
        TimeSpan elapsed = started.Elapsed;
        output.WriteLine($"{what}: dropped after {elapsed.TotalMilliseconds:F0} ms");
        Assert.True(elapsed >= Grace - TimerSlack, $"{what}: dropped after {elapsed}, before the grace time");
        Assert.True(elapsed < Grace + TimeSpan.FromSeconds(10), $"{what}: dropped only after {elapsed}");
    }

    private async Task WithPeerAsync(Func<RawSshPeer, Task> stall)
    {
        using RawSshPeer peer = await RawSshPeer.ConnectAsync(server.EndPoint);
        await stall(peer);
    }

    private static long ManagedHeapSize()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
