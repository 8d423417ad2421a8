using System.Net;
using Teleport.Ssh.Keys;
using Teleport.Ssh.TestServer;
using Xunit.Abstractions;

namespace Teleport.Ssh.Tests.Interop;

/// <summary>ssh-audit 2.5 grades the default offer: no failures, and no warnings but for algorithms newer than the tool.</summary>
public sealed class SshAuditTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_default_offer_has_no_failures_and_no_warnings_but_unknown_algorithms()
    {
        var configuration = new TestServerConfiguration();
        using SshPrivateKey ed25519 = SshPrivateKey.Generate();
        using SshPrivateKey rsa = SshPrivateKey.Generate(AlgorithmNames.Rsa, rsaBits: 3072);
        configuration.HostKeys.Add(ed25519);
        configuration.HostKeys.Add(rsa);
        await using var server = new TestSshServer(configuration);
        server.Start(new IPEndPoint(IPAddress.Loopback, 0));

        ProcessResult audit = await ExternalProcess.RunAsync("ssh-audit", ["-n", "-p", server.LocalEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "127.0.0.1"]);
        output.WriteLine(audit.StandardOutput);
        output.WriteLine(audit.StandardError);

        string[] lines = audit.StandardOutput.Split('\n');
        Assert.Contains(lines, line => line.StartsWith("(kex) curve25519-sha256 ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("(key) ssh-ed25519", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("(key) rsa-sha2-512", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("[fail]", StringComparison.Ordinal));
        Assert.All(
            lines.Where(line => line.Contains("[warn]", StringComparison.Ordinal)),
            line => Assert.Contains("unknown algorithm", line, StringComparison.Ordinal));
    }
}
