using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Quickstart;

/// <summary>
/// The README's quickstart, as a new user follows it: <c>bin/teleport start</c> on no configuration
/// (default ports and data directory), then each command of the README's quickstart block in order,
/// as an ordinary OS user with a home of their own. The one step that is not a command, opening
/// the invitation link in a browser, is done through the same web API the invitation page calls,
/// with a code from oathtool as an authenticator app would show it.
/// </summary>
public sealed partial class ReadmeQuickstartTests
{
    private const string OsUser = "tp-quickstart";
    private const string Home = "/home/" + OsUser;
    private static readonly int[] DefaultPorts = [3022, 3023, 3024, 3025, 3080];

    [Fact]
    public async Task The_readme_quickstart_takes_a_new_user_from_start_to_tsh_ssh()
    {
        (string start, IReadOnlyList<string> steps) = ReadQuickstart();
        Assert.Equal("bin/teleport start", start);
        Assert.All(DefaultPorts, port => Assert.False(Ports.Accepts(port), $"port {port} is taken: the quickstart needs the default ports"));
        await EnsureOsUserAsync();
        foreach (string state in new[] { ".local/share/teleport", ".tsh" })
        {
            await RunAsRootAsync("rm", "-rf", Path.Combine(Home, state));
        }

        using Process teleport = ExternalProcess.Start("runuser", ["-u", OsUser, "--", .. UserEnvironment, "bash", "-c", $"cd {Repository.Root} && exec {start}"]);
        var startOutput = new StringBuilder();
        Task reading = CollectAsync(teleport.StandardOutput, startOutput);
        Task readingErrors = CollectAsync(teleport.StandardError, new StringBuilder());
        try
        {
            await Eventually.WaitAsync(() => Text(startOutput).Contains("Next steps", StringComparison.Ordinal) || teleport.HasExited, "teleport start printed the next steps", TimeSpan.FromSeconds(90));
            Assert.False(teleport.HasExited, "teleport start exited:\n" + Text(startOutput));
            Assert.Contains("users add alice", Text(startOutput), StringComparison.Ordinal);

            string password = "quickstart-" + Guid.NewGuid().ToString("N")[..12];
            string? invitation = null;
            var outputs = new List<ProcessResult>();
            foreach (string step in steps)
            {
                if (step.StartsWith('#'))
                {
                    // The browser step: the invitation page's two calls.
                    Assert.NotNull(invitation);
                    await CompleteInvitationAsync(invitation, password);
                    continue;
                }

                byte[]? input = null;
                if (step.Contains("tsh login", StringComparison.Ordinal))
                {
                    // The invitation used this 30-second step's code, and a code is single use: the
                    // authenticator's next code, which Auth accepts one step early.
                    string code = await Oathtool.CodeAsync(_secret!, DateTimeOffset.UtcNow.AddSeconds(30));
                    input = Encoding.UTF8.GetBytes($"{password}\n{code}\n");
                }

                ProcessResult result = await ExternalProcess.RunAsync("runuser", ["-u", OsUser, "--", .. UserEnvironment, "bash", "-c", $"cd {Repository.Root} && {step}"], new RunOptions { StandardInput = input is null ? null : new MemoryStream(input) });
                Assert.True(result.ExitCode == 0, $"{step}\n{result}");
                outputs.Add(result);
                invitation ??= InvitationLink().Match(result.StandardOutput) is { Success: true } link ? link.Value : null;
            }

            string hostname = System.Net.Dns.GetHostName();
            Assert.Contains(hostname, outputs[^2].StandardOutput, StringComparison.Ordinal);
            Assert.Equal($"hello from {hostname}", outputs[^1].StandardOutput.Trim());
        }
        finally
        {
            teleport.Kill(entireProcessTree: true);
            await teleport.WaitForExitAsync();
            await Task.WhenAll(reading, readingErrors).WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private string? _secret;

    private static string[] UserEnvironment =>
        ["env", "-i", $"HOME={Home}", $"USER={OsUser}", $"LOGNAME={OsUser}", "PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8"];

    /// <summary>What the invitation page does: read the invitation (its QR code holds the secret), then set the password and prove the code.</summary>
    private async Task CompleteInvitationAsync(string link, string password)
    {
        string token = link[(link.LastIndexOf('/') + 1)..];
        // The browser would ask to trust the self-signed certificate; the test trusts exactly that one.
        using var proxyCertificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(Home, ".local/share/teleport/webproxy_cert.pem")));
        var trust = new System.Security.Cryptography.X509Certificates.X509ChainPolicy { TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust };
        trust.CustomTrustStore.Add(proxyCertificate);
        using var handler = new SocketsHttpHandler { SslOptions = { CertificateChainPolicy = trust } };
        using var web = new HttpClient(handler) { BaseAddress = new Uri("https://localhost:3080") };

        // The page the link opens, and what it loads; its script makes the two calls below.
        using HttpResponseMessage page = await web.GetAsync(new Uri(new Uri(link).PathAndQuery, UriKind.Relative));
        Assert.True(page.IsSuccessStatusCode, page.ToString());
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("/web/invite.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("/webapi/users/password/token", await web.GetStringAsync(new Uri("/web/invite.js", UriKind.Relative)), StringComparison.Ordinal);

        using JsonDocument invite = JsonDocument.Parse(await web.GetStringAsync(new Uri($"/webapi/users/password/token/{token}", UriKind.Relative)));
        string uri = invite.RootElement.GetProperty("otp_auth_uri").GetString()!;
        _secret = Regex.Match(uri, "secret=([A-Z2-7]+)").Groups[1].Value;
        string code = await Oathtool.CodeAsync(_secret);
        using HttpResponseMessage completed = await web.PutAsJsonAsync(new Uri("/webapi/users/password/token", UriKind.Relative), new { token, password, second_factor_token = code });
        Assert.True(completed.IsSuccessStatusCode, await completed.Content.ReadAsStringAsync());
    }

    /// <summary>The start command (the first block's first line, after ./build.sh, which ./test.sh has run) and the quickstart block's lines, comments stripped.</summary>
    private static (string Start, IReadOnlyList<string> Steps) ReadQuickstart()
    {
        string[] readme = File.ReadAllLines(Path.Combine(Repository.Root, "README.md"));
        string first = readme.SkipWhile(l => l != "```sh").Skip(1).First();
        string start = StripComment(first).Replace("./build.sh && ", string.Empty, StringComparison.Ordinal);
        var steps = readme
            .SkipWhile(l => !l.StartsWith("<!-- quickstart", StringComparison.Ordinal))
            .SkipWhile(l => l != "```sh").Skip(1)
            .TakeWhile(l => l != "```")
            .Select(l => l.StartsWith('#') ? l : StripComment(l))
            .Where(l => l.Length > 0)
            .ToList();
        Assert.NotEmpty(steps);
        return (start, steps);
    }

    private static string StripComment(string line) => TrailingComment().Replace(line, string.Empty).Trim();

    private static async Task EnsureOsUserAsync()
    {
        if ((await ExternalProcess.RunAsync("id", [OsUser])).ExitCode == 0)
        {
            return;
        }

        ProcessResult created = await ExternalProcess.RunAsync("useradd", ["-m", "-s", "/bin/bash", OsUser]);
        Assert.True(created.ExitCode is 0 or 9, created.ToString());
    }

    private static async Task RunAsRootAsync(string program, params string[] arguments)
    {
        ProcessResult result = await ExternalProcess.RunAsync(program, arguments);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static async Task CollectAsync(StreamReader reader, StringBuilder into)
    {
        char[] buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (into)
            {
                into.Append(buffer, 0, read);
            }
        }
    }

    private static string Text(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }

    [GeneratedRegex(@"\s+#\s.*$")]
    private static partial Regex TrailingComment();

    [GeneratedRegex(@"https://\S+/web/invite/[0-9a-zA-Z]+")]
    private static partial Regex InvitationLink();
}
