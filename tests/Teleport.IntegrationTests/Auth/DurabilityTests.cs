using Teleport.Api.Client;
using Teleport.Api.Client.Messages;
using Teleport.Api.Types;
using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Auth;

/// <summary>What the Auth service acknowledged survives kill -9 and a graceful restart.</summary>
public sealed class DurabilityTests : IAsyncLifetime
{
    private readonly AuthProcess _auth = new();

    public Task InitializeAsync() => _auth.InitializeAsync();

    public Task DisposeAsync() => _auth.DisposeAsync();

    [Fact]
    public async Task Kill_9_during_a_burst_of_writes_loses_nothing_acknowledged()
    {
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        using (AuthClient admin = _auth.Admin())
        {
            using var stop = new CancellationTokenSource();
            Task[] writers = [.. Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (int i = 0; !stop.IsCancellationRequested; i++)
                {
                    string value = $"burst-{w}-{i}-{Guid.NewGuid():N}";
                    try
                    {
                        await admin.CreateTokenAsync(new CreateTokenMessage(["node"], "1h", value));
                        acknowledged.Add(value);
                    }
                    catch (AuthApiException)
                    {
                        return; // the process is gone
                    }
                }
            }))];
            await Eventually.WaitAsync(() => acknowledged.Count >= 200, "200 acknowledged writes", TimeSpan.FromSeconds(60));
            await _auth.StopAsync(kill: true);
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        await _auth.StartAsync();
        using AuthClient restarted = _auth.Admin();
        var stored = (await restarted.GetResourcesAsync(ResourceKinds.Token)).Select(t => t.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(acknowledged, value => Assert.Contains(value, stored));
    }

    [Fact]
    public async Task A_graceful_restart_keeps_users_roles_tokens_cas_and_events()
    {
        string pin = (await _auth.TctlAsync("status")).StandardOutput;
        Assert.Equal(0, (await _auth.TctlAsync("users", "add", "kept", "--roles=access")).ExitCode);
        Assert.Equal(0, (await _auth.TctlAsync("tokens", "add", "--type=node", "--ttl=1h", "--value=kept-token")).ExitCode);
        await _auth.StopAsync();
        Assert.Contains("Shutting down gracefully", _auth.Log, StringComparison.Ordinal);

        await _auth.StartAsync();
        Assert.Equal(pin, (await _auth.TctlAsync("status")).StandardOutput);
        Assert.Contains("kept", (await _auth.TctlAsync("users", "ls")).StandardOutput, StringComparison.Ordinal);
        Assert.Contains("kept-token", (await _auth.TctlAsync("tokens", "ls")).StandardOutput, StringComparison.Ordinal);
        Assert.Contains("name: editor", (await _auth.TctlAsync("get", "roles")).StandardOutput, StringComparison.Ordinal);
        Assert.Contains("name=kept", (await _auth.TctlAsync("audit", "events", "--type=user.create")).StandardOutput, StringComparison.Ordinal);
    }
}
