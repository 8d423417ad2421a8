using System.Net;
using Teleport.Api.Client;
using Teleport.Api.Client.Messages;
using Teleport.Api.Types;
using Teleport.Auth.Api;
using Teleport.Auth.Identity;
using Teleport.Backend;

namespace Teleport.Auth.Tests.Api;

/// <summary>A restart on the same data directory keeps every user, role, token, CA and event.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("auth-restart-").FullName;

    [Fact]
    public async Task Everything_survives_a_restart_and_a_renamed_cluster_is_refused()
    {
        string pin;
        string tokenName;
        await using (Running first = await StartAsync("restart.example.com"))
        {
            pin = first.Auth.Authorities.Tls.Pin;
            await first.Admin.CreateUserAsync(new CreateUserMessage("alice", ["access"], ["root"]));
            tokenName = (await first.Admin.CreateTokenAsync(new CreateTokenMessage(["node"], "1h", null))).Metadata.Name;
        }

        await using (Running second = await StartAsync("restart.example.com"))
        {
            Assert.Equal(pin, second.Auth.Authorities.Tls.Pin);
            Assert.Contains(await second.Admin.GetResourcesAsync("user"), u => u.Metadata.Name == "alice");
            Assert.Contains(await second.Admin.GetResourcesAsync("token"), t => t.Metadata.Name == tokenName);
            Assert.Contains(await second.Admin.GetResourcesAsync("role"), r => r.Metadata.Name == "editor");
            var events = await second.Admin.SearchEventsAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), ["user.create", "join_token.create"]);
            Assert.Equal(2, events.Count);
            Assert.True(File.ReadAllLines(Directory.GetFiles(Path.Combine(_dataDirectory, "log", "events")).Single()).Length >= 2);
        }

        var renamed = await Assert.ThrowsAsync<AuthException>(() => StartAsync("other.example.com"));
        Assert.Contains("cannot be renamed", renamed.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private async Task<Running> StartAsync(string clusterName)
    {
        SqliteBackend backend = await SqliteBackend.OpenAsync(new SqliteBackendOptions { Directory = Path.Combine(_dataDirectory, "backend") });
        try
        {
            AuthServer auth = await AuthServer.StartAsync(backend, new AuthServerOptions { ClusterName = clusterName, DataDirectory = _dataDirectory, PasswordHasher = new PasswordHasher(1000) });
            AuthApiServer api = await AuthApiServer.StartAsync(auth, new AuthApiOptions { ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0) });
            await AdminIdentity.WriteAsync(auth, _dataDirectory);
            var (certificate, authorities) = Teleport.Api.Client.LocalAdminIdentity.Load(_dataDirectory);
            return new Running(backend, auth, api, new AuthClient($"127.0.0.1:{api.LocalEndPoint.Port}", AuthServerTrust.FromAuthorities(authorities), certificate));
        }
        catch
        {
            await backend.DisposeAsync();
            throw;
        }
    }

    private sealed record Running(IBackend Backend, AuthServer Auth, AuthApiServer Api, AuthClient Admin) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Admin.Dispose();
            await Api.DisposeAsync();
            Auth.Dispose();
            await Backend.DisposeAsync();
        }
    }
}
