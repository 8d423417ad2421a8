using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>
/// Binary packets (RFC 4253 §6) with impossible lengths, sent in cleartext right after a valid
/// version exchange: the server must refuse each before buffering what the length promises, tell
/// the peer why, and close.
/// </summary>
[Collection(HostileServerCollection.Name)]
public sealed class PacketFramingHostileTests(HostileServerFixture server)
{
    public static TheoryData<string, byte[], DisconnectReason> BadPackets()
    {
        byte[] kexInit = HostileMessages.KexInit();
        return new()
        {
            // A bad packet_length is reported as a MAC error, as OpenSSH does, to give nothing away.
            { "packet_length 0x7fffffff", HostileMessages.Header(0x7fff_ffff), DisconnectReason.MacError },
            { "packet_length 0xffffffff", HostileMessages.Header(0xffff_ffff), DisconnectReason.MacError },
            { "packet_length 300000, over the 256 KiB limit", HostileMessages.Header(300_000), DisconnectReason.MacError },
            { "packet_length 262148, just over the limit", HostileMessages.Header(262_148), DisconnectReason.MacError },
            { "packet_length not a multiple of the block size", HostileMessages.Header(13), DisconnectReason.MacError },
            { "packet_length 0", HostileMessages.Header(0), DisconnectReason.MacError },
            { "packet_length 4, too small for padding", HostileMessages.Header(4), DisconnectReason.MacError },
            { "padding_length equal to packet_length", HostileMessages.Frame([(byte)MessageNumber.Ignore], paddingLength: 12), DisconnectReason.ProtocolError },
            { "padding_length 255 beyond the packet", HostileMessages.Frame([(byte)MessageNumber.Ignore], paddingLength: 255), DisconnectReason.ProtocolError },
            { "padding_length 3", HostileMessages.Frame(kexInit, paddingLength: 3), DisconnectReason.ProtocolError },
            { "padding_length 0", HostileMessages.Frame(kexInit, paddingLength: 0), DisconnectReason.ProtocolError },
            { "padding that leaves an empty payload", HostileMessages.Frame([], paddingLength: 11), DisconnectReason.ProtocolError },
        };
    }

    [Theory]
    [MemberData(nameof(BadPackets))]
    public async Task A_bad_packet_is_answered_with_a_disconnect_and_a_close(string what, byte[] packet, DisconnectReason reason)
    {
        using (RawSshPeer peer = await RawSshPeer.ConnectAsync(server.EndPoint))
        {
            await peer.SendAsync(HostileMessages.Concat(HostileMessages.VersionLine(), packet));
            await peer.ReadServerGreetingAsync();
            string description = await peer.ExpectDisconnectAsync(reason);
            Assert.False(string.IsNullOrEmpty(description), what);
        }

        await server.AssertServesWellBehavedClientAsync();
    }

    [Fact]
    public async Task A_huge_length_is_refused_without_waiting_for_its_bytes()
    {
        // The header alone, with no body at all: the server must not wait for 2 GiB to arrive.
        using (RawSshPeer peer = await RawSshPeer.ConnectAsync(server.EndPoint))
        {
            await peer.SendAsync(HostileMessages.Concat(HostileMessages.VersionLine(), HostileMessages.Header(0x7fff_fff8, bodyBytes: 0)));
            await peer.ReadServerGreetingAsync();
            var started = DateTime.UtcNow;
            await peer.ExpectDisconnectAsync(DisconnectReason.MacError);
            Assert.True(DateTime.UtcNow - started < HostileServerFixture.LoginGraceTime, "the server waited for the grace time instead of refusing the length");
        }

        await server.AssertServesWellBehavedClientAsync();
    }
}
