using System.Net.Sockets;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Connection.Session;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>
/// Connection-protocol messages (RFC 4254) that break its rules, sent by an authenticated client:
/// channels that do not exist, replies nobody asked for, data beyond the window. The server must
/// disconnect with PROTOCOL_ERROR; unknown messages get UNIMPLEMENTED and the connection goes on.
/// </summary>
[Collection(HostileServerCollection.Name)]
public sealed class ConnectionProtocolHostileTests(HostileServerFixture server)
{
    private const uint NeverOpened = 7;

    public static TheoryData<string> Violations() =>
    [
        "CHANNEL_DATA for a channel that does not exist",
        "CHANNEL_EXTENDED_DATA for a channel that does not exist",
        "WINDOW_ADJUST for a channel that does not exist",
        "CHANNEL_REQUEST for a channel that does not exist",
        "CHANNEL_EOF for a channel that does not exist",
        "CHANNEL_CLOSE for a channel that does not exist",
        "CHANNEL_OPEN_CONFIRMATION nobody asked for",
        "CHANNEL_OPEN_FAILURE nobody asked for",
        "REQUEST_SUCCESS nobody asked for",
        "CHANNEL_SUCCESS nobody asked for",
        "a truncated CHANNEL_OPEN",
        "a CHANNEL_OPEN whose type is not a name",
        "a GLOBAL_REQUEST whose name is not UTF-8",
        "CHANNEL_CLOSE twice",
        "data beyond the channel window",
        "KEXINIT that is garbage",
    ];

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Protocol_violations_after_authentication_end_in_a_PROTOCOL_ERROR_disconnect(string what)
    {
        (RawSshPeer socket, TamperingStream wire) = await ConnectSocketAsync();
        using (socket)
        {
            await using SshConnection connection = await server.ConnectAsync(wire);
            await using SshSession session = await connection.OpenSessionAsync();
            foreach (byte[] payload in Payloads(what, session.Channel.RemoteId))
            {
                connection.Send(HostileMessages.ToPacket(payload));
            }

            await connection.Completion.WaitAsync(RawSshPeer.Deadline);
            var reason = Assert.IsType<SshConnectionException>(connection.CloseReason, exactMatch: false);
            Assert.True(
                reason.Message.StartsWith("disconnected by peer", StringComparison.Ordinal) && reason.Reason == DisconnectReason.ProtocolError,
                $"{what}: expected a PROTOCOL_ERROR disconnect from the server, got {reason.Reason}: {reason.Message}");
            await socket.ExpectCloseAsync();
        }

        await server.AssertServesWellBehavedClientAsync();
    }

    [Fact]
    public async Task Unknown_and_misplaced_messages_are_answered_and_the_connection_goes_on()
    {
        await using (SshConnection connection = await server.ConnectAsync())
        {
            connection.Send(HostileMessages.ToPacket([200, 1, 2, 3]));
            connection.Send(HostileMessages.ToPacket([127]));
            connection.Send(HostileMessages.ToPacket(HostileMessages.ServiceRequest("ssh-userauth")));
            connection.Send(HostileMessages.ToPacket(HostileMessages.UserAuthNone(HostileServerFixture.UserName)));
            connection.Send(HostileMessages.ToPacket(HostileMessages.GlobalRequest("no-such-request@example.com", wantReply: false)));
            Assert.Equal("still here\n", await HostileServerFixture.RunAsync(connection, "echo still here"));
            Assert.Null(connection.CloseReason);
        }

        await server.AssertServesWellBehavedClientAsync();
    }

    private static IEnumerable<byte[]> Payloads(string what, uint open) => what switch
    {
        "CHANNEL_DATA for a channel that does not exist" => [HostileMessages.ChannelData(NeverOpened, "x"u8)],
        "CHANNEL_EXTENDED_DATA for a channel that does not exist" => [HostileMessages.Build(MessageNumber.ChannelExtendedData, w =>
        {
            w.WriteUInt32(NeverOpened);
            w.WriteUInt32(1);
            w.WriteString("x");
        })],
        "WINDOW_ADJUST for a channel that does not exist" => [HostileMessages.Build(MessageNumber.ChannelWindowAdjust, w =>
        {
            w.WriteUInt32(NeverOpened);
            w.WriteUInt32(1024);
        })],
        "CHANNEL_REQUEST for a channel that does not exist" => [HostileMessages.ChannelRequest(NeverOpened, "exec", wantReply: true, w => w.WriteString("true"))],
        "CHANNEL_EOF for a channel that does not exist" => [HostileMessages.Build(MessageNumber.ChannelEof, w => w.WriteUInt32(NeverOpened))],
        "CHANNEL_CLOSE for a channel that does not exist" => [HostileMessages.Build(MessageNumber.ChannelClose, w => w.WriteUInt32(NeverOpened))],
        "CHANNEL_OPEN_CONFIRMATION nobody asked for" => [HostileMessages.Build(MessageNumber.ChannelOpenConfirmation, w =>
        {
            w.WriteUInt32(NeverOpened);
            w.WriteUInt32(NeverOpened);
            w.WriteUInt32(1024);
            w.WriteUInt32(1024);
        })],
        "CHANNEL_OPEN_FAILURE nobody asked for" => [HostileMessages.Build(MessageNumber.ChannelOpenFailure, w =>
        {
            w.WriteUInt32(NeverOpened);
            w.WriteUInt32(2);
            w.WriteString("no");
            w.WriteString(string.Empty);
        })],
        "REQUEST_SUCCESS nobody asked for" => [HostileMessages.Build(MessageNumber.RequestSuccess)],
        "CHANNEL_SUCCESS nobody asked for" => [HostileMessages.Build(MessageNumber.ChannelSuccess, w => w.WriteUInt32(open))],
        "a truncated CHANNEL_OPEN" => [HostileMessages.ChannelOpen("session", 1)[..14]],
        "a CHANNEL_OPEN whose type is not a name" => [HostileMessages.ChannelOpen("sess ion", 1)],
        "a GLOBAL_REQUEST whose name is not UTF-8" => [HostileMessages.Build(MessageNumber.GlobalRequest, w =>
        {
            w.WriteString([0xc3, 0x28]);
            w.WriteBoolean(true);
        })],
        "CHANNEL_CLOSE twice" => [HostileMessages.Build(MessageNumber.ChannelClose, w => w.WriteUInt32(open)), HostileMessages.Build(MessageNumber.ChannelClose, w => w.WriteUInt32(open))],

        // The server grants 2 MiB and nobody reads the session before exec, so the window stays shut.
        "data beyond the channel window" => Enumerable.Repeat(HostileMessages.ChannelData(open, new byte[32 * 1024]), 64).Append(HostileMessages.ChannelData(open, "x"u8)),
        "KEXINIT that is garbage" => [[(byte)MessageNumber.KexInit, 1, 2, 3]],
        _ => throw new ArgumentOutOfRangeException(nameof(what), what, "unknown case"),
    };

    /// <summary>A socket the test watches, and the stream over it the library client uses.</summary>
    private async Task<(RawSshPeer Socket, TamperingStream Wire)> ConnectSocketAsync()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server.EndPoint);
        return (new RawSshPeer(socket), new TamperingStream(new NetworkStream(socket, ownsSocket: false)));
    }
}
