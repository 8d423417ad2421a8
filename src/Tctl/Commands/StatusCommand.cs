using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Teleport.Api.Client;
using Teleport.Api.Client.Messages;
using Teleport.Api.Types;
using Teleport.Ssh.Keys;

namespace Tctl.Commands;

/// <summary>tctl status: the cluster's name, its CAs' fingerprints and the CA pin joining hosts use.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Report cluster status.");
        command.SetAction(async (result, cancellationToken) =>
        {
            using AuthClient client = TctlContext.Load(result).Connect();
            PingResponse ping = await client.PingAsync(cancellationToken);
            CertAuthority host = await client.GetAuthorityAsync(CertAuthTypes.Host, cancellationToken);
            CertAuthority user = await client.GetAuthorityAsync(CertAuthTypes.User, cancellationToken);
            using var tls = X509Certificate2.CreateFromPem(ping.TlsCaCertificates[0]);
            Console.WriteLine($"Cluster:  {ping.ClusterName}");
            Console.WriteLine($"Version:  {ping.ServerVersion}");
            Console.WriteLine($"Host CA:  {Fingerprint(host)}");
            Console.WriteLine($"User CA:  {Fingerprint(user)}");
            Console.WriteLine($"TLS CA:   SHA256:{Convert.ToHexString(SHA256.HashData(tls.RawData))}");
            Console.WriteLine($"CA pin:   {ping.CaPin}");
            return 0;
        });
        return command;
    }

    private static string Fingerprint(CertAuthority authority) =>
        string.Join(", ", authority.Spec.ActiveKeys.Ssh.Select(k => SshKeyFile.ParsePublicKey(k.PublicKey).Fingerprint));
}
