using System.Text;
using Teleport.IntegrationTests.Support;
using Teleport.Ssh;
using Teleport.Ssh.Auth;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Connection.Session;
using Teleport.Ssh.Keys;

namespace Teleport.IntegrationTests.Proxy;

/// <summary>
/// The path tsh takes, with our SSH library as the client: SSH to the proxy with the login
/// certificate, the <c>proxy:HOST:PORT@CLUSTER</c> subsystem, and a second SSH connection to the
/// node over that channel, end to end.
/// </summary>
public sealed class LibraryClientTests(ProxyCluster cluster) : IClassFixture<ProxyCluster>
{
    [Fact]
    public async Task A_command_runs_on_the_node_over_the_proxy_subsystem_and_an_unknown_node_is_reported_on_stderr()
    {
        WebUser user = await WebUser.CreateAndLoginAsync(cluster, "libuser", "access", "root");
        using SshPrivateKey key = SshKeyFile.LoadPrivateKey(user.KeyPath);
        var signer = new SshCertificateSigner(SshKeyFile.LoadCertificate(user.CertificatePath), key);
        SshPublicKey hostCa = SshKeyFile.ParsePublicKey(user.Login.GetProperty("host_signers")[0].GetString()!);
        SshClientOptions Options(string login) => new()
        {
            UserName = login,
            AuthMethods = [new PublicKeyAuthMethod(signer)],
            HostKeyVerifier = (hostKey, _) => ValueTask.FromResult(hostKey is SshCertificate { Type: SshCertificateType.Host } certificate && certificate.SignatureKey.Equals(hostCa)),
        };

        await using SshConnection proxy = await SshClient.ConnectAsync("127.0.0.1", cluster.SshProxyPort, Options("libuser"));
        await using (SshSession tunnel = await proxy.OpenSessionAsync())
        {
            await tunnel.StartSubsystemAsync($"proxy:{ProxyCluster.NodeName}:0@{ProxyCluster.Cluster}");
            await using SshConnection node = await SshClient.ConnectAsync(tunnel.Channel.GetStream(), Options("root"));
            await using SshSession command = await node.OpenSessionAsync();
            await command.ExecAsync("echo over-the-subsystem");
            using var output = new StreamReader(command.Channel.GetStream(), Encoding.UTF8);
            Assert.Equal("over-the-subsystem", (await output.ReadToEndAsync()).Trim());
            Assert.Equal(0, (await command.Exit).ExitCode);
        }

        await using SshSession unknown = await proxy.OpenSessionAsync();
        await unknown.StartSubsystemAsync($"proxy:nowhere@{ProxyCluster.Cluster}");
        using var error = new StreamReader(unknown.Channel.GetExtendedStream(), Encoding.UTF8);
        Assert.Equal($"node \"nowhere\" not found in cluster {ProxyCluster.Cluster}", (await error.ReadToEndAsync()).Trim());
        Assert.Equal(1, (await unknown.Exit).ExitCode);
    }
}
