using System.Diagnostics;
using Teleport.Ssh.Wire;
using Xunit.Abstractions;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>
/// A logged-in client that sends, as fast as it can, messages the server must answer (unknown
/// ones get SSH_MSG_UNIMPLEMENTED, RFC 4253 §11.4) and never reads an answer. The answers pile
/// up in the server's send queue once the TCP buffers are full; the server must drop the client
/// before that queue grows without bound, and go on serving.
/// </summary>
[Collection(HostileServerCollection.Name)]
public sealed class ReplyFloodTests(HostileServerFixture server, ITestOutputHelper output)
{
    /// <summary>
    /// The server gives up at 32 MiB queued (counting each packet's overhead), about 40 MB of
    /// heap; before it did, 2 million requests (56 MB sent) held 475 MB and it kept growing.
    /// </summary>
    private const long HeapGrowthLimit = 150_000_000;

    [Fact]
    public async Task A_client_that_never_reads_the_answers_to_its_flood_is_dropped_before_memory_runs_away()
    {
        await server.AssertServesWellBehavedClientAsync();
        long baseline = ManagedHeapSize();
        long peak = baseline;
        var stopwatch = Stopwatch.StartNew();
        int sent = 0;
        await using (LibraryClientTransport client = await LibraryClientTransport.ConnectAsync(server.EndPoint, server.HostKey))
        {
            client.Send(HostileMessages.ServiceRequest("ssh-userauth"));
            Assert.Equal((byte)MessageNumber.ServiceAccept, (await client.ReceiveAsync())[0]);
            client.Send(HostileMessages.UserAuthPassword(HostileServerFixture.UserName, HostileServerFixture.Password));
            Assert.Equal((byte)MessageNumber.UserAuthSuccess, (await client.ReceiveAsync())[0]);

            // SendAsync paces the client, so its own queue stays near 1 MiB: what grows is the server's.
            try
            {
                for (; sent < 4_000_000 && client.Transport.CloseReason is null; sent++)
                {
                    await client.Transport.SendAsync(HostileMessages.ToPacket([200]), CancellationToken.None);
                    if (sent % 20_000 == 0)
                    {
                        peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                        Assert.True(peak - baseline < HeapGrowthLimit, $"the heap grew by {(peak - baseline) / 1e6:F0} MB after {sent} unanswered requests");
                    }
                }
            }
            catch (SshConnectionException)
            {
                // The server closed the connection under the flood.
            }

            output.WriteLine($"dropped after {sent} requests in {stopwatch.ElapsedMilliseconds} ms; heap peak +{(peak - baseline) / 1e6:F1} MB; {client.Transport.CloseReason?.Message}");
            Assert.NotNull(client.Transport.CloseReason);
        }

        await server.AssertServesWellBehavedClientAsync();
        await Eventually.WaitAsync(() => ManagedHeapSize() - baseline < 16_000_000, "the heap to shrink back once the flooding client was dropped");
    }

    private static long ManagedHeapSize()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
