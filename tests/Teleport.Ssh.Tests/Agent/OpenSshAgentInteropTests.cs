using Teleport.Ssh.Agent;
using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Tests.Agent;

/// <summary>Our <see cref="SshAgentClient"/> against the real OpenSSH 9.2 ssh-agent.</summary>
public sealed class OpenSshAgentInteropTests : IDisposable
{
    private static readonly byte[] Data = "data the agent signs"u8.ToArray();

    private readonly AgentTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Client_adds_lists_signs_and_removes_every_key_type_with_the_real_ssh_agent()
    {
        using OpenSshAgentProcess agent = await OpenSshAgentProcess.StartAsync(_directory.File("agent.sock"));
        await using SshAgentClient client = await agent.ConnectAsync();
        Assert.Empty(await client.ListIdentitiesAsync());

        SshPrivateKey certified = AgentTestKeys.Get(AlgorithmNames.Ed25519);
        SshCertificate certificate = AgentTestKeys.Certify(certified);
        foreach (string keyType in AgentTestKeys.KeyTypes)
        {
            await client.AddIdentityAsync(AgentTestKeys.Get(keyType), certificate: null, $"key {keyType}");
        }

        await client.AddIdentityAsync(certified, certificate, "certificate");

        IReadOnlyList<SshAgentIdentity> identities = await client.ListIdentitiesAsync();
        Assert.Equal(AgentTestKeys.KeyTypes.Count() + 1, identities.Count);
        foreach (string keyType in AgentTestKeys.KeyTypes)
        {
            SshAgentIdentity identity = Assert.Single(identities, i => i.PublicKey.Equals(AgentTestKeys.Get(keyType).PublicKey));
            Assert.Equal($"key {keyType}", identity.Comment);
        }

        SshAgentIdentity certificateIdentity = Assert.Single(identities, i => i.Comment == "certificate");
        SshCertificate listed = Assert.IsType<SshCertificate>(certificateIdentity.PublicKey);
        Assert.Equal(certificate, listed);
        Assert.Equal("alice", listed.KeyId);

        foreach (SshAgentIdentity identity in identities)
        {
            await AssertSignsAsync(client, identity.PublicKey);
        }

        await client.RemoveIdentityAsync(AgentTestKeys.Get(AlgorithmNames.Rsa).PublicKey);
        identities = await client.ListIdentitiesAsync();
        Assert.DoesNotContain(identities, i => i.PublicKey.Equals(AgentTestKeys.Get(AlgorithmNames.Rsa).PublicKey));
        Assert.Equal(AgentTestKeys.KeyTypes.Count(), identities.Count);
        await Assert.ThrowsAsync<SshAgentFailureException>(() => client.SignAsync(AgentTestKeys.Get(AlgorithmNames.Rsa).PublicKey, Data, SshAgentSignFlags.RsaSha2512));

        await client.RemoveAllIdentitiesAsync();
        Assert.Empty(await client.ListIdentitiesAsync());
    }

    [Theory]
    [InlineData(AlgorithmNames.Rsa)]
    [InlineData(AlgorithmNames.EcdsaNistp256)]
    [InlineData(AlgorithmNames.EcdsaNistp384)]
    [InlineData(AlgorithmNames.EcdsaNistp521)]
    public async Task Certificates_of_every_key_type_use_the_agent_encoding_ssh_agent_accepts(string keyType)
    {
        using OpenSshAgentProcess agent = await OpenSshAgentProcess.StartAsync(_directory.File("agent.sock"));
        await using SshAgentClient client = await agent.ConnectAsync();
        SshPrivateKey key = AgentTestKeys.Get(keyType);
        SshCertificate certificate = AgentTestKeys.Certify(key);

        await client.AddIdentityAsync(key, certificate, "cert", lifetime: TimeSpan.FromMinutes(5));

        SshAgentIdentity identity = Assert.Single(await client.ListIdentitiesAsync());
        Assert.Equal(certificate, identity.PublicKey);
        await AssertSignsAsync(client, identity.PublicKey);
    }

    [Fact]
    public async Task Agent_failures_are_typed_and_leave_the_connection_usable()
    {
        using OpenSshAgentProcess agent = await OpenSshAgentProcess.StartAsync(_directory.File("agent.sock"));
        await using SshAgentClient client = await agent.ConnectAsync();
        SshPublicKey unknown = AgentTestKeys.Get(AlgorithmNames.Ed25519).PublicKey;

        var failure = await Assert.ThrowsAsync<SshAgentFailureException>(() => client.RemoveIdentityAsync(unknown));
        Assert.Contains(unknown.Fingerprint, failure.Message);
        await Assert.ThrowsAsync<SshAgentFailureException>(() => client.SignAsync(unknown, Data));
        Assert.Empty(await client.ListIdentitiesAsync());
    }

    private static async Task AssertSignsAsync(SshAgentClient client, SshPublicKey identity)
    {
        var signer = new SshAgentSigner(client, identity);
        foreach ((string algorithm, SshAgentSignFlags flags) in AgentTestKeys.SignatureChoices(identity))
        {
            byte[] signature = await client.SignAsync(identity, Data, flags);
            Assert.True(identity.VerifySignature(algorithm, Data, signature), $"{identity.KeyType} {algorithm} via flags");

            byte[] viaSigner = await signer.SignAsync(algorithm, Data);
            Assert.True(identity.VerifySignature(algorithm, Data, viaSigner), $"{identity.KeyType} {algorithm} via signer");
            Assert.False(identity.VerifySignature(algorithm, "other data"u8, viaSigner));
        }
    }
}
