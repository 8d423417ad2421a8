using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Web;
using Teleport.Api.Client;
using Teleport.Api.Client.Messages;
using Teleport.Api.Types;
using Teleport.Auth.Identity;
using Teleport.Auth.LoadGen;
using Teleport.Ssh.Keys;

// Drives a running `teleport start --roles=auth` through its API as bench/auth.sh describes.
// Usage: Teleport.Auth.LoadGen --auth HOST:PORT --data-dir DIR [--duration SECONDS]
//        [--concurrency N] [--nodes 10000,50000]
// The Auth service must run with second_factor: off so logins measure the password check.
string auth = Option("--auth") ?? throw new InvalidOperationException("--auth HOST:PORT is required");
string dataDir = Option("--data-dir") ?? throw new InvalidOperationException("--data-dir DIR is required");
var duration = TimeSpan.FromSeconds(double.Parse(Option("--duration") ?? "10", CultureInfo.InvariantCulture));
int concurrency = int.Parse(Option("--concurrency") ?? "8", CultureInfo.InvariantCulture);
int[] nodeCounts = [.. (Option("--nodes") ?? "10000,50000").Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))];

(X509Certificate2 adminCertificate, X509Certificate2Collection authorities) = LocalAdminIdentity.Load(dataDir);
using var admin = new AuthClient(auth, AuthServerTrust.FromAuthorities(authorities), adminCertificate);
using var anonymous = new AuthClient(auth, AuthServerTrust.FromAuthorities(authorities));
var results = new Dictionary<string, LoadResult>(StringComparer.Ordinal);
void Report(string key, LoadResult result)
{
    results[key] = result;
    Console.WriteLine(result);
}

// A user with a password, through the invitation flow a real user follows.
string userName = "bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
const string Password = "bench password of some length";
InvitationMessage invitation = await admin.CreateUserAsync(new CreateUserMessage(userName, ["access"], [userName]));
InviteResponseMessage invite = await anonymous.GetInviteAsync(invitation.Token);
byte[] secret = Base32.Decode(HttpUtility.ParseQueryString(new Uri(invite.OtpAuthUri).Query)["secret"]!);
await anonymous.CompleteInviteAsync(invitation.Token, new CompleteInviteMessage(Password, Totp.Code(secret, Totp.StepAt(DateTimeOffset.UtcNow))));

using SshPrivateKey sshKey = SshPrivateKey.Generate();
using var tlsKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
string sshPublic = sshKey.PublicKey.ToOpenSshString();
string tlsPublic = Convert.ToBase64String(tlsKey.ExportSubjectPublicKeyInfo());

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"auth {auth}, {concurrency} concurrent callers, {duration.TotalSeconds:F0} s per measurement"));

// Warm-up: connections, JIT and the first SQLite pages, so the first measurement is not penalised.
await new LoadRun("warm-up", concurrency).ForAsync(TimeSpan.FromSeconds(2), _ => admin.SignUserAsync(new SignUserMessage(userName, sshPublic, tlsPublic, "1h")));

Report("cert_pairs_per_s", await new LoadRun("certificate pairs (SSH+TLS)", concurrency).ForAsync(duration, async _ =>
{
    CertificatesMessage issued = await admin.SignUserAsync(new SignUserMessage(userName, sshPublic, tlsPublic, "1h"));
    if (issued.TlsCertificate is null)
    {
        throw new InvalidOperationException("the Auth service issued no TLS certificate");
    }
}));

Report("logins_per_s", await new LoadRun("logins (password + certs)", concurrency).ForAsync(duration, _ =>
    anonymous.LoginAsync(userName, new LoginRequestMessage(Password, null, sshPublic, tlsPublic, "1h"))));

// The password KDF alone, in this process, on every core: what bounds logins.
string stored = new PasswordHasher().Hash(Password);
Report("kdf_per_s", await new LoadRun("password KDF alone (local)", Environment.ProcessorCount).ForAsync(duration, _ =>
    Task.Run(() =>
    {
        if (!PasswordHasher.Verify(Password, stored))
        {
            throw new InvalidOperationException("the KDF did not verify its own hash");
        }
    })));

JsonElement auditEvent = JsonDocument.Parse($$"""{"event":"session.start","code":"T2000I","user":"{{userName}}","login":"root","server_hostname":"bench"}""").RootElement;
Report("events_per_s", await new LoadRun("audit events written", concurrency).ForAsync(duration, _ => admin.EmitEventAsync(auditEvent)));

// Simulated nodes: each heartbeat is a durable upsert with a TTL, as a node's every ~minute.
string[] hostIds = [.. Enumerable.Range(0, nodeCounts.Max()).Select(_ => Guid.NewGuid().ToString())];
Server NodeAt(long index) => new()
{
    Metadata = new Metadata { Name = hostIds[index], Labels = ValueMap.From([new KeyValuePair<string, string>("env", (index % 3) switch { 0 => "prod", 1 => "staging", _ => "dev" })]) },
    Spec = new ServerSpec { Hostname = "node-" + index.ToString(CultureInfo.InvariantCulture), Addr = $"10.{index / 65536 % 256}.{index / 256 % 256}.{index % 256}:3022" },
};
int registered = 0;
foreach (int count in nodeCounts.Order())
{
    int first = registered;
    Report($"register_per_s_{count / 1000}k", await new LoadRun($"register nodes to {count / 1000}k", concurrency).CountAsync(count - first, index =>
        admin.HeartbeatAsync(NodeAt(first + index), TimeSpan.FromMinutes(30))));
    registered = count;
    Report($"heartbeats_per_s_{count / 1000}k", await new LoadRun($"heartbeats, {count / 1000}k nodes", concurrency).ForAsync(duration, index =>
        admin.HeartbeatAsync(NodeAt(index * 7919 % count), TimeSpan.FromMinutes(30))));
    var listing = Stopwatch.StartNew();
    int listed = (await admin.GetResourcesAsync("node")).Count;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"list nodes (tctl nodes ls)",-28} {listed} nodes in {listing.Elapsed.TotalMilliseconds:F0} ms"));
    if (listed < count)
    {
        throw new InvalidOperationException($"{listed} nodes listed, {count} registered");
    }
}

Console.WriteLine("auth " + string.Join(' ', results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key}={r.Value.PerSecond:F0}"))));
return 0;

string? Option(string name)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
