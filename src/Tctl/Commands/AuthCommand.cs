using System.CommandLine;
using Teleport.Api.Client;
using Teleport.Api.Client.Messages;
using Teleport.Api.Types;
using Teleport.Ssh.Keys;

namespace Tctl.Commands;

/// <summary>tctl auth export and tctl auth sign: the CAs for OpenSSH, and certificates on request.</summary>
internal static class AuthCommand
{
    public static Command Create()
    {
        var auth = new Command("auth", "Operations with user and host certificate authorities (CAs).");
        auth.Subcommands.Add(Export());
        auth.Subcommands.Add(Sign());
        return auth;
    }

    private static Command Export()
    {
        var type = new Option<string>("--type") { Description = "Certificate type: user, host, tls or openssh.", Required = true };
        var command = new Command("export", "Export public cluster CA certificates to stdout.") { type };
        command.SetAction(async (result, cancellationToken) =>
        {
            using AuthClient client = TctlContext.Load(result).Connect();
            string which = result.GetValue(type)!;
            switch (which)
            {
                case "user":
                {
                    // For authorized_keys; sshd's TrustedUserCAKeys takes the key without "cert-authority" (see --type=openssh).
                    CertAuthority ca = await client.GetAuthorityAsync(CertAuthTypes.User, cancellationToken);
                    foreach (SshKeyPair key in ca.Spec.ActiveKeys.Ssh)
                    {
                        Console.WriteLine($"cert-authority {key.PublicKey.Trim()} clustername={ca.Spec.ClusterName}&type=user");
                    }

                    break;
                }

                case "openssh":
                {
                    CertAuthority ca = await client.GetAuthorityAsync(CertAuthTypes.User, cancellationToken);
                    foreach (SshKeyPair key in ca.Spec.ActiveKeys.Ssh)
                    {
                        Console.WriteLine(key.PublicKey.Trim());
                    }

                    break;
                }

                case "host":
                {
                    CertAuthority ca = await client.GetAuthorityAsync(CertAuthTypes.Host, cancellationToken);
                    foreach (SshKeyPair key in ca.Spec.ActiveKeys.Ssh)
                    {
                        Console.WriteLine($"@cert-authority *.{ca.Spec.ClusterName},{ca.Spec.ClusterName} {key.PublicKey.Trim()} clustername={ca.Spec.ClusterName}&type=host");
                    }

                    break;
                }

                case "tls":
                {
                    PingResponse ping = await client.PingAsync(cancellationToken);
                    foreach (string pem in ping.TlsCaCertificates)
                    {
                        Console.Write(pem.EndsWith('\n') ? pem : pem + "\n");
                    }

                    break;
                }

                default:
                    throw new TctlException($"--type must be user, host, tls or openssh, not \"{which}\"");
            }

            return 0;
        });
        return command;
    }

    private static Command Sign()
    {
        var user = new Option<string?>("--user") { Description = "Teleport user name." };
        var host = new Option<string?>("--host") { Description = "Teleport host name." };
        var output = new Option<string>("--out", "-o") { Description = "Identity output path.", Required = true };
        var format = new Option<string>("--format") { Description = "Identity format: openssh.", DefaultValueFactory = _ => "openssh" };
        var ttl = new Option<string?>("--ttl") { Description = "TTL (time to live) for the generated certificate." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Whether to overwrite existing destination files." };
        var command = new Command("sign", "Create an identity file(s) for a given user.") { user, host, output, format, ttl, overwrite };
        command.SetAction(async (result, cancellationToken) =>
        {
            string? userName = result.GetValue(user);
            string? hostName = result.GetValue(host);
            if ((userName is null) == (hostName is null))
            {
                throw new TctlException("give exactly one of --user or --host");
            }

            if (result.GetValue(format) != "openssh")
            {
                throw new TctlException($"--format={result.GetValue(format)} is not supported: use --format=openssh");
            }

            string path = result.GetValue(output)!;
            string certificatePath = path + "-cert.pub";
            if (!result.GetValue(overwrite) && (File.Exists(path) || File.Exists(certificatePath)))
            {
                throw new TctlException($"{path} already exists: use --overwrite to replace it");
            }

            using AuthClient client = TctlContext.Load(result).Connect();
            using SshPrivateKey key = SshPrivateKey.Generate();
            key.Comment = userName ?? hostName!;
            CertificatesMessage signed = userName is not null
                ? await client.SignUserAsync(new SignUserMessage(userName, key.PublicKey.ToOpenSshString(), null, result.GetValue(ttl)), cancellationToken)
                : await client.SignHostAsync(new SignHostMessage(hostName!, key.PublicKey.ToOpenSshString(), result.GetValue(ttl)), cancellationToken);
            SshKeyFile.WritePrivateKey(path, key);
            await File.WriteAllTextAsync(path + ".pub", key.PublicKey.ToOpenSshString(key.Comment) + "\n", cancellationToken);
            await File.WriteAllTextAsync(certificatePath, signed.SshCertificate.Trim() + "\n", cancellationToken);
            Console.WriteLine($"The credentials have been written to {path}, {certificatePath}");
            return 0;
        });
        return command;
    }
}
