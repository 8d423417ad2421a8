using Teleport.Ssh.Agent;
using Teleport.Ssh.Keys;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Tests.Agent;

/// <summary>The agent messages' encodings, one codec at a time.</summary>
public sealed class AgentCodecTests
{
    public static TheoryData<string, bool> KeysWithAndWithoutCertificates()
    {
        var data = new TheoryData<string, bool>();
        foreach (string keyType in AgentTestKeys.KeyTypes)
        {
            data.Add(keyType, false);
            data.Add(keyType, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KeysWithAndWithoutCertificates))]
    public void Keys_and_certificates_round_trip_through_the_add_identity_encoding(string keyType, bool withCertificate)
    {
        SshPrivateKey key = AgentTestKeys.Get(keyType);
        SshCertificate? certificate = withCertificate ? AgentTestKeys.Certify(key) : null;
        using var writer = new SshWriter();
        AgentKeyEncoding.Write(writer, key, certificate);

        var reader = new SshReader(writer.WrittenSpan);
        Assert.True(AgentKeyEncoding.TryRead(ref reader, out SshPrivateKey? copy, out SshCertificate? copiedCertificate, out string? refusal), refusal);
        using (copy)
        {
            Assert.True(reader.IsAtEnd);
            Assert.Equal(key.PublicKey, copy!.PublicKey);
            Assert.Equal(certificate, copiedCertificate);
            string algorithm = key.PublicKey.SignatureAlgorithms[0];
            Assert.True(key.PublicKey.VerifySignature(algorithm, "x"u8, copy.Sign(algorithm, "x"u8)));
        }
    }

    [Theory]
    [InlineData(AlgorithmNames.Ed25519, new[] { 32, 64 })]
    [InlineData(AlgorithmNames.Rsa, new[] { -1, -1, -1, -1 })]
    [InlineData(AlgorithmNames.EcdsaNistp256, new[] { -1 })]
    [InlineData(AlgorithmNames.EcdsaNistp521, new[] { -1 })]
    public void A_certificate_is_followed_only_by_the_private_fields_it_does_not_hold(string keyType, int[] fieldLengths)
    {
        // PROTOCOL.agent: ed25519 certs carry ENC(A) and k || ENC(A); RSA d, iqmp, p, q; ECDSA d.
        SshPrivateKey key = AgentTestKeys.Get(keyType);
        SshCertificate certificate = AgentTestKeys.Certify(key);
        using var writer = new SshWriter();
        AgentKeyEncoding.Write(writer, key, certificate);

        var reader = new SshReader(writer.WrittenSpan);
        Assert.Equal(certificate.KeyType, reader.ReadName());
        Assert.True(reader.ReadString().SequenceEqual(certificate.Blob));
        foreach (int length in fieldLengths)
        {
            int read = reader.ReadString().Length;
            if (length >= 0)
            {
                Assert.Equal(length, read);
            }
        }

        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Add_identity_constraints_are_written_and_read_back()
    {
        SshPrivateKey key = AgentTestKeys.Get(AlgorithmNames.Ed25519);
        using var writer = new SshWriter();
        AgentAddIdentityRequest.Write(writer, key, null, "comment é", lifetimeSeconds: 600, confirm: true);

        var reader = new SshReader(writer.WrittenSpan);
        Assert.True(AgentAddIdentityRequest.TryRead(ref reader, constrained: true, out AgentAddIdentityRequest? request, out string? refusal), refusal);
        using (request)
        {
            Assert.Equal("comment é", request!.Comment);
            Assert.Equal(600u, request.LifetimeSeconds);
            Assert.True(request.Confirm);
            Assert.Equal(key.PublicKey, request.Identity);
        }

        // Constraints are only allowed in SSH_AGENTC_ADD_ID_CONSTRAINED.
        byte[] encoded = writer.ToArray();
        Assert.Throws<SshProtocolException>(() =>
        {
            var unconstrained = new SshReader(encoded);
            return AgentAddIdentityRequest.TryRead(ref unconstrained, constrained: false, out _, out _);
        });
    }

    [Fact]
    public void Sign_requests_and_identity_answers_round_trip()
    {
        SshPublicKey key = AgentTestKeys.Get(AlgorithmNames.EcdsaNistp384).PublicKey;
        using var writer = new SshWriter();
        new AgentSignRequest(key.Blob, [1, 2, 3], SshAgentSignFlags.RsaSha2512).Write(writer);
        var reader = new SshReader(writer.WrittenSpan);
        AgentSignRequest request = AgentSignRequest.Read(ref reader);
        Assert.True(request.KeyBlob.SequenceEqual(key.Blob));
        Assert.True(request.Data.SequenceEqual(new byte[] { 1, 2, 3 }));
        Assert.Equal(SshAgentSignFlags.RsaSha2512, request.Flags);

        SshCertificate certificate = AgentTestKeys.Certify(AgentTestKeys.Get(AlgorithmNames.Ed25519));
        SshAgentIdentity[] identities = [new(key, "one"), new(certificate, "two")];
        using var answer = new SshWriter();
        AgentIdentitiesAnswer.Write(answer, identities);
        var answerReader = new SshReader(answer.WrittenSpan);
        List<SshAgentIdentity> read = AgentIdentitiesAnswer.Read(ref answerReader);
        Assert.Equal(identities.Select(i => (i.PublicKey, i.Comment)), read.Select(i => (i.PublicKey, i.Comment)));
        Assert.IsType<SshCertificate>(read[1].PublicKey);
    }

    [Fact]
    public async Task Framing_round_trips_and_refuses_oversized_messages()
    {
        using var stream = new MemoryStream();
        using (SshWriter message = AgentFraming.Begin(AgentMessageNumber.SignResponse))
        {
            message.WriteString([9, 9]);
            await AgentFraming.WriteAsync(stream, message, CancellationToken.None);
        }

        Assert.Equal([0, 0, 0, 7, 14, 0, 0, 0, 2, 9, 9], stream.ToArray());
        stream.Position = 0;
        using (AgentMessage? read = await AgentFraming.ReadAsync(stream, CancellationToken.None))
        {
            Assert.Equal(AgentMessageNumber.SignResponse, read!.Number);
            Assert.Equal(7, read.Payload.Length);
        }

        Assert.Null(await AgentFraming.ReadAsync(stream, CancellationToken.None));

        using SshWriter huge = AgentFraming.Begin(AgentMessageNumber.SignRequest);
        huge.GetSpan(AgentFraming.MaxMessageLength);
        await Assert.ThrowsAsync<ArgumentException>(async () => await AgentFraming.WriteAsync(stream, huge, CancellationToken.None));
    }

    [Fact]
    public async Task Client_rounds_lifetimes_up_to_whole_seconds_and_refuses_impossible_ones()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_000_000));
        await using var pair = AgentPair.Start(new SshAgentServer(clock));
        SshPrivateKey key = AgentTestKeys.Get(AlgorithmNames.Ed25519);
        await pair.Client.AddIdentityAsync(key, null, "c", TimeSpan.FromMilliseconds(1500));
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Single(pair.Server.Identities);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Empty(pair.Server.Identities);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => pair.Client.AddIdentityAsync(key, null, "c", TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => pair.Client.AddIdentityAsync(key, null, "c", TimeSpan.FromDays(365 * 200)));
        await Assert.ThrowsAsync<ArgumentException>(() => pair.Client.AddIdentityAsync(key, AgentTestKeys.Certify(AgentTestKeys.Get(AlgorithmNames.Rsa)), "c"));
    }
}
