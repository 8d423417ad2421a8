using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>
/// Encrypted messages out of order after the key exchange and before authentication completes
/// (RFC 4252, RFC 4253 §10): the library's transport plays the client, so the server's encrypted
/// DISCONNECT can be read and its reason checked. (A stray NEWKEYS is covered in cleartext by
/// <see cref="KeyExchangeHostileTests"/>: the library's send loop will not send one without new keys.)
/// </summary>
[Collection(HostileServerCollection.Name)]
public sealed class AuthenticationHostileTests(HostileServerFixture server)
{
    public static TheoryData<string, byte[][], DisconnectReason> BeforeAuthentication()
    {
        byte[] userAuthService = HostileMessages.ServiceRequest("ssh-userauth");
        return new()
        {
            { "USERAUTH_REQUEST before SERVICE_REQUEST", [HostileMessages.UserAuthNone(HostileServerFixture.UserName)], DisconnectReason.ProtocolError },
            { "SERVICE_REQUEST ssh-connection before authentication", [HostileMessages.ServiceRequest("ssh-connection")], DisconnectReason.ServiceNotAvailable },
            { "SERVICE_REQUEST for an unknown service", [HostileMessages.ServiceRequest("ssh-nothing")], DisconnectReason.ServiceNotAvailable },
            { "CHANNEL_OPEN before SERVICE_REQUEST", [HostileMessages.ChannelOpen("session", 0)], DisconnectReason.ProtocolError },
            { "CHANNEL_OPEN before authentication", [userAuthService, HostileMessages.ChannelOpen("session", 0)], DisconnectReason.ProtocolError },
            { "GLOBAL_REQUEST before authentication", [userAuthService, HostileMessages.GlobalRequest("tcpip-forward", true)], DisconnectReason.ProtocolError },
            { "CHANNEL_DATA before authentication", [userAuthService, HostileMessages.ChannelData(0, "x"u8)], DisconnectReason.ProtocolError },
            { "USERAUTH_REQUEST for another service", [userAuthService, HostileMessages.UserAuthNone(HostileServerFixture.UserName, "ssh-nothing")], DisconnectReason.ServiceNotAvailable },
            { "a change of user name mid-authentication", [userAuthService, HostileMessages.UserAuthNone("alice"), HostileMessages.UserAuthNone("bob")], DisconnectReason.ProtocolError },
            { "a truncated USERAUTH_REQUEST", [userAuthService, HostileMessages.UserAuthNone(HostileServerFixture.UserName)[..12]], DisconnectReason.ProtocolError },
            { "a password that is not UTF-8", [userAuthService, HostileMessages.Build(MessageNumber.UserAuthRequest, w =>
            {
                w.WriteString(HostileServerFixture.UserName);
                w.WriteString("ssh-connection");
                w.WriteString("password");
                w.WriteBoolean(false);
                w.WriteString([0xff, 0xfe]);
            })], DisconnectReason.ProtocolError },
            { "USERAUTH_INFO_RESPONSE out of the blue", [userAuthService, HostileMessages.Build(MessageNumber.UserAuthInfoResponse, w => w.WriteUInt32(0))], DisconnectReason.ProtocolError },
            { "KEX_ECDH_INIT without a key exchange", [HostileMessages.Build(MessageNumber.KexEcdhInit, w => w.WriteString(new byte[32]))], DisconnectReason.ProtocolError },
            { "a re-key KEXINIT that is garbage", [HostileMessages.Build(MessageNumber.KexInit, w => w.WriteUInt32(0xffff_ffff))], DisconnectReason.ProtocolError },
            { "too many wrong passwords", [userAuthService, .. Enumerable.Repeat(HostileMessages.UserAuthPassword(HostileServerFixture.UserName, "wrong"), 6)], DisconnectReason.NoMoreAuthMethodsAvailable },
        };
    }

    [Theory]
    [MemberData(nameof(BeforeAuthentication))]
    public async Task Messages_out_of_order_before_authentication_are_refused_with_the_right_reason(string what, byte[][] payloads, DisconnectReason reason)
    {
        await using (LibraryClientTransport client = await LibraryClientTransport.ConnectAsync(server.EndPoint, server.HostKey))
        {
            foreach (byte[] payload in payloads)
            {
                client.Send(payload);
            }

            string description = await client.ExpectDisconnectAsync(reason);
            Assert.False(string.IsNullOrEmpty(description), what);
        }

        await server.AssertServesWellBehavedClientAsync();
    }

    [Fact]
    public async Task Unknown_transport_messages_get_UNIMPLEMENTED_and_the_login_goes_on()
    {
        await using (LibraryClientTransport client = await LibraryClientTransport.ConnectAsync(server.EndPoint, server.HostKey))
        {
            // RFC 4253 §11.4: message 15 is unassigned; the answer is UNIMPLEMENTED, not a disconnect.
            client.Send([15, 1, 2, 3]);
            client.Send(HostileMessages.Build(MessageNumber.Ignore, w => w.WriteString(new byte[1000])));
            client.Send(HostileMessages.Build(MessageNumber.Debug, w =>
            {
                w.WriteBoolean(true);
                w.WriteString("debug");
                w.WriteString(string.Empty);
            }));
            client.Send(HostileMessages.ServiceRequest("ssh-userauth"));
            Assert.Equal((byte)MessageNumber.ServiceAccept, (await client.ReceiveAsync())[0]);
            client.Send(HostileMessages.UserAuthPassword(HostileServerFixture.UserName, HostileServerFixture.Password));
            byte[] reply = await client.ReceiveAsync();
            Assert.Equal((byte)MessageNumber.UserAuthSuccess, reply[0]);
        }

        await server.AssertServesWellBehavedClientAsync();
    }
}
