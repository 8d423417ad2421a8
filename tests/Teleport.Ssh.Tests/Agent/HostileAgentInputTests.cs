using System.Buffers.Binary;
using System.Security.Cryptography;
using Teleport.Ssh.Agent;
using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Tests.Agent;

/// <summary>Bytes no well-behaved peer sends, at the server and at the client: FAILURE or a clean close, never a crash.</summary>
public sealed class HostileAgentInputTests
{
    public static TheoryData<string, byte[]> ClosingInputs => new()
    {
        { "length over 256 KiB", [0x00, 0x04, 0x00, 0x01, 11] },
        { "length 2^32-1", [0xff, 0xff, 0xff, 0xff, 11] },
        { "zero length", [0, 0, 0, 0] },
        { "end of stream inside the length", [0, 0] },
        { "end of stream inside the message", [0, 0, 0, 100, 11, 1, 2] },
        { "sign request cut short", AgentMessages.Frame([AgentMessages.SignRequest, 0, 0, 0, 9, 1])},
        { "string length past the message", AgentMessages.Frame([AgentMessages.RemoveIdentity, 0x7f, 0xff, 0xff, 0xff, 1, 2, 3])},
        { "identities request with trailing bytes", AgentMessages.Frame([AgentMessages.RequestIdentities, 0])},
        { "add identity cut inside the key", AgentMessages.Frame(AgentMessages.Add(AgentTestKeys.Get(AlgorithmNames.Ed25519))[..60]) },
    };

    [Theory]
    [MemberData(nameof(ClosingInputs))]
    public async Task Malformed_input_closes_the_connection_cleanly(string what, byte[] input)
    {
        await using var server = new SshAgentServer();
        (DuplexPipeStream peer, DuplexPipeStream serverEnd) = DuplexPipeStream.CreatePair();
        Task serving = server.ServeAsync(serverEnd);
        await peer.WriteAsync(input);
        if (what.StartsWith("end of stream", StringComparison.Ordinal))
        {
            peer.Dispose();
            await serving.WaitAsync(TimeSpan.FromSeconds(20));
            return;
        }

        byte[] rest = new byte[16];
        Assert.Equal(0, await peer.ReadAsync(rest).AsTask().WaitAsync(TimeSpan.FromSeconds(20)));
        await serving.WaitAsync(TimeSpan.FromSeconds(20));
        peer.Dispose();
    }

    public static TheoryData<string, byte[]> RefusedRequests()
    {
        SshPrivateKey ed25519 = AgentTestKeys.Get(AlgorithmNames.Ed25519);
        SshPrivateKey other = AgentTestKeys.Get(AlgorithmNames.EcdsaNistp256);
        using RSA small = RSA.Create(1024);
        RSAParameters p = small.ExportParameters(includePrivateParameters: true);
        byte[] mismatchedCertificate = AgentMessages.Build(AgentMessages.AddIdentity, w =>
        {
            // An Ed25519 certificate followed by the private fields of another Ed25519 key.
            using SshPrivateKey stranger = SshPrivateKey.Generate();
            w.WriteString(AlgorithmNames.Ed25519Cert);
            w.WriteString(AgentTestKeys.Certify(ed25519).Blob);
            Teleport.Ssh.Keys.PrivateKeyEncoding.WriteFields(w, stranger);
            w.WriteString("mismatch");
        });
        return new()
        {
            { "unknown message 200", [200] },
            { "SSH_AGENTC_LOCK", AgentMessages.Build(AgentMessages.Lock, w => w.WriteString("passphrase")) },
            { "protocol 1 SSH_AGENTC_REQUEST_RSA_IDENTITIES", [1] },
            { "session-bind extension", AgentMessages.SessionBind() },
            { "unknown extension", AgentMessages.Build(AgentMessages.Extension, w => w.WriteString("query")) },
            { "maxsign constraint", AgentMessages.Add(ed25519, constraints: w => { w.WriteByte(3); w.WriteUInt32(5); }) },
            { "destination constraint", AgentMessages.Add(ed25519, constraints: w => { w.WriteByte(255); w.WriteString("restrict-destination-v00@openssh.com"); w.WriteString([]); }) },
            { "unknown constraint", AgentMessages.Add(ed25519, constraints: w => w.WriteByte(42)) },
            { "lifetime twice", AgentMessages.Add(ed25519, constraints: w => { w.WriteByte(1); w.WriteUInt32(5); w.WriteByte(1); w.WriteUInt32(6); }) },
            { "DSA key", AgentMessages.AddRaw("ssh-dss", [1], [2], [3], [4], [5]) },
            { "security key", AgentMessages.AddRaw("sk-ssh-ed25519@openssh.com", [1]) },
            { "RSA key under 2048 bits", AgentMessages.AddRaw(AlgorithmNames.Rsa, p.Modulus!, p.Exponent!, p.D!, p.InverseQ!, p.P!, p.Q!) },
            { "certificate of another key", mismatchedCertificate },
            { "sign with an unknown key", AgentMessages.Sign(other.PublicKey, [1, 2, 3]) },
            { "remove an unknown key", AgentMessages.Remove(other.PublicKey) },
        };
    }

    [Theory]
    [MemberData(nameof(RefusedRequests))]
    public async Task Well_formed_requests_the_agent_cannot_honour_get_failure_and_the_connection_goes_on(string what, byte[] request)
    {
        await using var server = new SshAgentServer();
        (DuplexPipeStream peer, DuplexPipeStream serverEnd) = DuplexPipeStream.CreatePair();
        Task serving = server.ServeAsync(serverEnd);

        Assert.Equal([0, 0, 0, 1, AgentMessages.Failure], await ExchangeAsync(peer, request, 5));
        Assert.Empty(server.Identities);
        Assert.True(await ExchangeAsync(peer, [AgentMessages.RequestIdentities], 9) is [0, 0, 0, 5, 12, 0, 0, 0, 0], what);

        peer.Dispose();
        await serving.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_client_given_an_oversized_reply_breaks_its_connection_with_a_typed_error()
    {
        (DuplexPipeStream clientEnd, DuplexPipeStream fakeAgent) = DuplexPipeStream.CreatePair();
        await using var client = new SshAgentClient(clientEnd);
        Task<IReadOnlyList<SshAgentIdentity>> listing = client.ListIdentitiesAsync();
        await ReadFrameAsync(fakeAgent);
        await fakeAgent.WriteAsync(new byte[] { 0x10, 0, 0, 0, 12 });

        await Assert.ThrowsAsync<SshProtocolException>(() => listing);
        await Assert.ThrowsAsync<SshConnectionException>(() => client.RemoveAllIdentitiesAsync());
        fakeAgent.Dispose();
    }

    [Fact]
    public async Task A_client_given_a_wrong_or_malformed_reply_reports_it()
    {
        (DuplexPipeStream clientEnd, DuplexPipeStream fakeAgent) = DuplexPipeStream.CreatePair();
        await using var client = new SshAgentClient(clientEnd);

        Task<IReadOnlyList<SshAgentIdentity>> listing = client.ListIdentitiesAsync();
        await ReadFrameAsync(fakeAgent);
        await fakeAgent.WriteAsync(AgentMessages.Frame([AgentMessages.Success]));
        Assert.Contains("answered message 6", (await Assert.ThrowsAsync<SshProtocolException>(() => listing)).Message);

        // An answer that claims a billion keys in a few bytes is refused before anything is allocated for them.
        listing = client.ListIdentitiesAsync();
        await ReadFrameAsync(fakeAgent);
        await fakeAgent.WriteAsync(AgentMessages.Frame([12, 0x40, 0, 0, 0, 0, 0, 0, 0]));
        await Assert.ThrowsAsync<SshProtocolException>(() => listing);

        // A key type this library does not know is skipped, the rest still listed.
        SshPublicKey known = AgentTestKeys.Get(AlgorithmNames.Ed25519).PublicKey;
        listing = client.ListIdentitiesAsync();
        await ReadFrameAsync(fakeAgent);
        await fakeAgent.WriteAsync(AgentMessages.Frame(AgentMessages.Build(12, w =>
        {
            w.WriteUInt32(2);
            w.WriteString(AgentMessages.Build(0, d => d.WriteString("ssh-dss"))[1..]);
            w.WriteString("dsa");
            w.WriteString(known.Blob);
            w.WriteString("known");
        })));
        Assert.Equal(known, Assert.Single(await listing).PublicKey);
        fakeAgent.Dispose();
    }

    private static async Task<byte[]> ExchangeAsync(DuplexPipeStream peer, byte[] request, int replyLength)
    {
        await peer.WriteAsync(AgentMessages.Frame(request));
        byte[] reply = new byte[replyLength];
        await peer.ReadExactlyAsync(reply).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        return reply;
    }

    private static async Task ReadFrameAsync(DuplexPipeStream peer)
    {
        byte[] length = new byte[4];
        await peer.ReadExactlyAsync(length);
        await peer.ReadExactlyAsync(new byte[BinaryPrimitives.ReadUInt32BigEndian(length)]);
    }
}
