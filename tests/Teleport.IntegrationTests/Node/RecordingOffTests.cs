using System.Text.Json;
using Teleport.IntegrationTests.Support;

namespace Teleport.IntegrationTests.Node;

/// <summary>auth_service.session_recording: off records nothing, and sessions are still audited.</summary>
public sealed class RecordingOffTests(UnrecordedNodeCluster cluster) : IClassFixture<UnrecordedNodeCluster>
{
    [Fact]
    public async Task An_interactive_session_is_audited_but_not_recorded()
    {
        DateTimeOffset from = DateTimeOffset.UtcNow.AddMinutes(-1);
        ProcessResult result = await cluster.SshWithAsync([.. cluster.SshArguments(), "-tt"], null, "echo unrecorded-$TELEPORT_SESSION");
        Assert.True(result.ExitCode == 0, result.ToString());
        string sessionId = result.StandardOutput.Trim().Split("unrecorded-")[1].Trim();

        using Teleport.Api.Client.AuthClient admin = cluster.Auth.Admin();
        JsonElement end = default;
        await Eventually.WaitAsync(() =>
        {
            IReadOnlyList<JsonElement> events = admin.SearchEventsAsync(from, DateTimeOffset.UtcNow.AddMinutes(1), ["session.start", "session.end"]).GetAwaiter().GetResult();
            end = events.FirstOrDefault(e => e.GetProperty("event").GetString() == "session.end" && e.GetProperty("sid").GetString() == sessionId);
            return end.ValueKind == JsonValueKind.Object;
        }, "session.end of the unrecorded session");

        Assert.True(end.GetProperty("interactive").GetBoolean());
        Assert.Equal("off", end.GetProperty("session_recording").GetString());
        await Assert.ThrowsAsync<Teleport.Api.Client.AuthApiException>(() => admin.GetRecordingAsync(sessionId));
        string uploads = Path.Combine(cluster.NodeDataDir, "log", "upload", "sessions");
        Assert.False(Directory.Exists(uploads) && Directory.EnumerateFileSystemEntries(uploads).Any(), "the node wrote a recording");
    }
}
