using System.Net;
using Teleport.Ssh;
using Teleport.Ssh.Keys;
using Teleport.Ssh.Sftp;
using Teleport.Ssh.TestServer;

// "sftp [home]": the SFTP server on standard input and output, for `sftp -D` in the interop tests.
if (args is ["sftp", ..])
{
    var sftp = new SftpServer(new SftpServerOptions { HomeDirectory = args.Length > 1 ? args[1] : Environment.CurrentDirectory });
    await sftp.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), CancellationToken.None);
    return 0;
}

// A stand-alone run of the test server, for bench/ssh.sh and manual checks:
//   --listen 127.0.0.1:2222 --host-key-dir DIR --authorized-key FILE --trusted-user-ca FILE --password user:pass
var configuration = new TestServerConfiguration();
var listen = new IPEndPoint(IPAddress.Loopback, 0);
string? hostKeyDirectory = null;
for (int i = 0; i < args.Length; i++)
{
    string value = i + 1 < args.Length ? args[i + 1] : string.Empty;
    switch (args[i])
    {
        case "--listen":
            listen = IPEndPoint.Parse(value);
            i++;
            break;
        case "--host-key-dir":
            hostKeyDirectory = value;
            i++;
            break;
        case "--authorized-key":
            configuration.AuthorizedKeys.Add(SshKeyFile.ParsePublicKey(File.ReadAllText(value)));
            i++;
            break;
        case "--trusted-user-ca":
            configuration.TrustedUserCas.Add(SshKeyFile.ParsePublicKey(File.ReadAllText(value)));
            i++;
            break;
        case "--rekey-bytes":
            configuration.RekeyAfterBytes = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            i++;
            break;
        case "--password":
            configuration.Passwords[value.Split(':')[0]] = value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..];
            i++;
            break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}");
            return 2;
    }
}

// One Ed25519 host key; its public half goes to DIR/ssh_host_ed25519_key.pub for known_hosts.
var hostKey = SshPrivateKey.Generate();
configuration.HostKeys.Add(hostKey);
if (hostKeyDirectory is not null)
{
    await File.WriteAllTextAsync(Path.Combine(hostKeyDirectory, "ssh_host_ed25519_key.pub"), hostKey.PublicKey.ToOpenSshString() + "\n");
}

await using var server = new TestSshServer(configuration);
server.Start(listen);
Console.WriteLine($"listening on {server.LocalEndPoint}");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
return 0;
