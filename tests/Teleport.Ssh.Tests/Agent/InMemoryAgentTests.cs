using Teleport.Ssh.Agent;
using Teleport.Ssh.Keys;

namespace Teleport.Ssh.Tests.Agent;

/// <summary>Our client against our server over an in-memory stream pair.</summary>
public sealed class InMemoryAgentTests
{
    private static readonly byte[] Data = "session identifier and userauth request"u8.ToArray();

    [Fact]
    public async Task Every_key_type_and_certificate_is_added_listed_used_and_removed()
    {
        await using var pair = AgentPair.Start();
        SshAgentClient client = pair.Client;
        foreach (string keyType in AgentTestKeys.KeyTypes)
        {
            SshPrivateKey key = AgentTestKeys.Get(keyType);
            await client.AddIdentityAsync(key, certificate: null, "plain " + keyType);
            await client.AddIdentityAsync(key, AgentTestKeys.Certify(key), "cert " + keyType);
        }

        IReadOnlyList<SshAgentIdentity> identities = await client.ListIdentitiesAsync();
        Assert.Equal(2 * AgentTestKeys.KeyTypes.Count(), identities.Count);
        Assert.Equal(AgentTestKeys.KeyTypes.Count(), identities.Count(i => i.PublicKey is SshCertificate));
        foreach (SshAgentIdentity identity in identities)
        {
            var signer = new SshAgentSigner(client, identity);
            foreach ((string algorithm, SshAgentSignFlags flags) in AgentTestKeys.SignatureChoices(identity.PublicKey))
            {
                byte[] viaFlags = await client.SignAsync(identity.PublicKey, Data, flags);
                byte[] viaSigner = await signer.SignAsync(algorithm, Data);
                Assert.True(identity.PublicKey.VerifySignature(algorithm, Data, viaFlags));
                Assert.True(identity.PublicKey.VerifySignature(algorithm, Data, viaSigner));
            }
        }

        foreach (SshAgentIdentity identity in identities)
        {
            await client.RemoveIdentityAsync(identity.PublicKey);
        }

        Assert.Empty(await client.ListIdentitiesAsync());
    }

    [Fact]
    public async Task Rsa_signatures_follow_the_flags_and_sha1_is_refused()
    {
        await using var pair = AgentPair.Start();
        SshPrivateKey rsa = AgentTestKeys.Get(AlgorithmNames.Rsa);
        SshCertificate certificate = AgentTestKeys.Certify(rsa);
        await pair.Client.AddIdentityAsync(rsa, null, "rsa");
        await pair.Client.AddIdentityAsync(rsa, certificate, "rsa cert");

        foreach (SshPublicKey identity in new[] { rsa.PublicKey, certificate })
        {
            Assert.Equal(AlgorithmNames.RsaSha2256, AlgorithmOf(await pair.Client.SignAsync(identity, Data, SshAgentSignFlags.RsaSha2256)));
            Assert.Equal(AlgorithmNames.RsaSha2512, AlgorithmOf(await pair.Client.SignAsync(identity, Data, SshAgentSignFlags.RsaSha2512)));
            await Assert.ThrowsAsync<SshAgentFailureException>(() => pair.Client.SignAsync(identity, Data, SshAgentSignFlags.None));
        }

        // A signer refuses the SHA-1 algorithm itself, before asking the agent.
        var signer = new SshAgentSigner(pair.Client, rsa.PublicKey);
        await Assert.ThrowsAsync<ArgumentException>(async () => await signer.SignAsync("ssh-rsa", Data));
    }

    [Fact]
    public async Task Adding_a_key_again_replaces_it_and_unknown_keys_fail()
    {
        await using var pair = AgentPair.Start();
        SshPrivateKey key = AgentTestKeys.Get(AlgorithmNames.Ed25519);
        await pair.Client.AddIdentityAsync(key, null, "first");
        await pair.Client.AddIdentityAsync(key, null, "second");
        SshAgentIdentity identity = Assert.Single(await pair.Client.ListIdentitiesAsync());
        Assert.Equal("second", identity.Comment);

        SshPublicKey unknown = AgentTestKeys.Get(AlgorithmNames.EcdsaNistp256).PublicKey;
        await Assert.ThrowsAsync<SshAgentFailureException>(() => pair.Client.RemoveIdentityAsync(unknown));
        await Assert.ThrowsAsync<SshAgentFailureException>(() => pair.Client.SignAsync(unknown, Data));

        // A certificate is an identity of its own: the plain key does not answer for it.
        SshCertificate certificate = AgentTestKeys.Certify(key);
        await Assert.ThrowsAsync<SshAgentFailureException>(() => pair.Client.SignAsync(certificate, Data));

        await pair.Client.RemoveAllIdentitiesAsync();
        Assert.Empty(await pair.Client.ListIdentitiesAsync());
        await pair.Client.RemoveAllIdentitiesAsync();
    }

    [Fact]
    public async Task Keys_expire_after_their_lifetime()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        await using var pair = AgentPair.Start(new SshAgentServer(clock));
        SshPrivateKey shortLived = AgentTestKeys.Get(AlgorithmNames.Ed25519);
        SshPrivateKey kept = AgentTestKeys.Get(AlgorithmNames.EcdsaNistp256);
        await pair.Client.AddIdentityAsync(shortLived, null, "short", lifetime: TimeSpan.FromSeconds(9.5));
        await pair.Client.AddIdentityAsync(kept, null, "kept");

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(2, (await pair.Client.ListIdentitiesAsync()).Count);
        byte[] signature = await pair.Client.SignAsync(shortLived.PublicKey, Data);
        Assert.True(shortLived.PublicKey.VerifySignature(Data, signature));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("kept", Assert.Single(await pair.Client.ListIdentitiesAsync()).Comment);
        await Assert.ThrowsAsync<SshAgentFailureException>(() => pair.Client.SignAsync(shortLived.PublicKey, Data));

        pair.Server.AddIdentity(shortLived, null, "direct", TimeSpan.FromSeconds(5));
        Assert.Equal(2, pair.Server.Identities.Count);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Single(pair.Server.Identities);
    }

    [Fact]
    public async Task Keys_needing_confirmation_sign_only_when_confirmed()
    {
        bool allow = false;
        var asked = new List<string>();
        var server = new SshAgentServer
        {
            ConfirmAsync = (identity, _) =>
            {
                asked.Add(identity.Comment);
                return ValueTask.FromResult(allow);
            },
        };
        await using var pair = AgentPair.Start(server);
        SshPrivateKey key = AgentTestKeys.Get(AlgorithmNames.Ed25519);
        await pair.Client.AddIdentityAsync(key, null, "confirm me", requireConfirmation: true);

        await Assert.ThrowsAsync<SshAgentFailureException>(() => pair.Client.SignAsync(key.PublicKey, Data));
        allow = true;
        byte[] signature = await pair.Client.SignAsync(key.PublicKey, Data);
        Assert.True(key.PublicKey.VerifySignature(Data, signature));
        Assert.Equal(["confirm me", "confirm me"], asked);

        await using var withoutConfirmation = AgentPair.Start();
        await Assert.ThrowsAsync<SshAgentFailureException>(() => withoutConfirmation.Client.AddIdentityAsync(key, null, "x", requireConfirmation: true));
        Assert.Empty(withoutConfirmation.Server.Identities);
    }

    [Fact]
    public async Task Concurrent_connections_and_concurrent_requests_on_one_connection_all_succeed()
    {
        await using var server = new SshAgentServer();
        foreach (string keyType in AgentTestKeys.KeyTypes)
        {
            server.AddIdentity(AgentTestKeys.Get(keyType), null, keyType);
        }

        var pairs = Enumerable.Range(0, 4).Select(_ => AgentPair.Start(server, ownsServer: false)).ToList();
        try
        {
            IEnumerable<Task> work = pairs.SelectMany(pair => Enumerable.Range(0, 10).Select(async i =>
            {
                SshPrivateKey key = AgentTestKeys.Get(AgentTestKeys.KeyTypes.ElementAt(i % AgentTestKeys.KeyTypes.Count()));
                string algorithm = key.PublicKey.SignatureAlgorithms[0];
                byte[] signature = await new SshAgentSigner(pair.Client, key.PublicKey).SignAsync(algorithm, Data);
                Assert.True(key.PublicKey.VerifySignature(algorithm, Data, signature));
                Assert.Equal(AgentTestKeys.KeyTypes.Count(), (await pair.Client.ListIdentitiesAsync()).Count);
            }));
            await Task.WhenAll(work);
        }
        finally
        {
            foreach (AgentPair pair in pairs)
            {
                await pair.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Disposing_the_server_ends_its_connections_and_the_client_reports_a_broken_connection()
    {
        var pair = AgentPair.Start();
        await pair.Client.RemoveAllIdentitiesAsync();
        await pair.Server.DisposeAsync();
        await pair.Serving.WaitAsync(TimeSpan.FromSeconds(20));

        await Assert.ThrowsAsync<SshConnectionException>(() => pair.Client.ListIdentitiesAsync());
        var again = await Assert.ThrowsAsync<SshConnectionException>(() => pair.Client.ListIdentitiesAsync());
        Assert.Contains("connect again", again.Message);
        await pair.DisposeAsync();
    }

    [Fact]
    public async Task Connecting_without_an_agent_names_the_missing_variable_or_socket()
    {
        var missing = await Assert.ThrowsAsync<SshConnectionException>(() => SshAgentClient.ConnectAsync("/nonexistent/agent.sock"));
        Assert.Contains("/nonexistent/agent.sock", missing.Message);
    }

    private static string AlgorithmOf(byte[] signature)
    {
        Assert.True(SshSignature.TryDecode(signature, out string algorithm, out _));
        return algorithm;
    }
}
