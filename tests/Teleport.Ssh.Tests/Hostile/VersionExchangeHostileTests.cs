using System.Net.Sockets;
using System.Text;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>
/// Garbage where the identification line belongs (RFC 4253 §4.2). The server has already sent its
/// own line; with no SSH peer to speak to, it closes without a DISCONNECT, and goes on serving.
/// </summary>
[Collection(HostileServerCollection.Name)]
public sealed class VersionExchangeHostileTests(HostileServerFixture server)
{
    public static TheoryData<string, byte[]> NotAnIdentification()
    {
        var random = new Random(4253);
        byte[] noise = new byte[64 * 1024];
        random.NextBytes(noise);
        return new()
        {
            { "64 KiB of random bytes", noise },
            { "10 KB line without a newline", Encoding.ASCII.GetBytes("SSH-2.0-" + new string('x', 10_000)) },
            { "10 KB of text lines", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("GET / HTTP/1.1\r\n", 640))) },
            { "an HTTP request", Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n") },
            { "SSH protocol 1", Encoding.ASCII.GetBytes("SSH-1.5-OpenSSH_1.2.3\r\n") },
            { "an identification of 300 characters", Encoding.ASCII.GetBytes("SSH-2.0-" + new string('v', 292) + "\r\n") },
            { "a control character in the identification", Encoding.ASCII.GetBytes("SSH-2.0-bad\u0007bell\r\n") },
            { "bytes above ASCII in the identification", [.. Encoding.ASCII.GetBytes("SSH-2.0-"), 0xc3, 0xa9, (byte)'\r', (byte)'\n'] },
            { "a lone newline", "\n"u8.ToArray() },
            { "NUL bytes, then a newline", [.. new byte[300], (byte)'\n'] },
        };
    }

    [Theory]
    [MemberData(nameof(NotAnIdentification))]
    public async Task Bytes_that_are_no_identification_line_end_in_a_close(string what, byte[] input)
    {
        using (RawSshPeer peer = await RawSshPeer.ConnectAsync(server.EndPoint))
        {
            await peer.SendAsync(input);
            Assert.StartsWith("SSH-2.0-", await peer.ReadIdentificationAsync(), StringComparison.Ordinal);

            // Without the peer's identification there is no packet protocol yet: nothing but the close.
            await peer.ExpectCloseAsync();
            Assert.True(peer.Closed, what);
        }

        await server.AssertServesWellBehavedClientAsync();
    }

    [Fact]
    public async Task Random_bytes_after_a_valid_identification_are_a_bad_packet_length()
    {
        byte[] noise = new byte[256];
        new Random(8).NextBytes(noise);
        noise[0] = 0xa5; // packet_length 0xa5...: far beyond the 256 KiB limit, whatever the seed

        using (RawSshPeer peer = await RawSshPeer.ConnectAsync(server.EndPoint))
        {
            await peer.SendAsync(HostileMessages.Concat(HostileMessages.VersionLine(), noise));
            await peer.ReadServerGreetingAsync();

            // OpenSSH answers a bad length like a bad MAC, so an attacker learns nothing from the reason.
            await peer.ExpectDisconnectAsync(DisconnectReason.MacError);
        }

        await server.AssertServesWellBehavedClientAsync();
    }

    [Fact]
    public async Task Connections_reset_at_once_do_not_disturb_the_accept_loop()
    {
        for (int i = 0; i < 100; i++)
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(server.EndPoint);
            if (i % 2 == 0)
            {
                await socket.SendAsync(HostileMessages.VersionLine());
            }

            // Linger 0: close sends RST instead of FIN.
            socket.LingerState = new LingerOption(enable: true, seconds: 0);
            socket.Close();
        }

        await server.AssertServesWellBehavedClientAsync();
    }
}
