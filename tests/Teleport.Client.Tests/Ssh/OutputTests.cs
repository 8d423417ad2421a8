using System.Net;
using System.Text;
using Teleport.Client.Bench;
using Teleport.Client.Ssh;
using Teleport.Client.WebApi;

namespace Teleport.Client.Tests.Ssh;

public sealed class OutputTests
{
    [Fact]
    public async Task Every_line_of_a_label_target_starts_with_the_node_name()
    {
        using var output = new MemoryStream();
        using var outputLock = new SemaphoreSlim(1, 1);
        var web1 = new LinePrefixStream(output, "[web1] ", outputLock);
        var web2 = new LinePrefixStream(output, "[web2] ", outputLock);

        await web1.WriteAsync(Encoding.UTF8.GetBytes("one\ntw"));
        await web2.WriteAsync(Encoding.UTF8.GetBytes("other\n"));
        await web1.WriteAsync(Encoding.UTF8.GetBytes("o\nthree"));
        await web1.CompleteAsync(CancellationToken.None);

        Assert.Equal("[web1] one\n[web2] other\n[web1] two\n[web1] three\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Nodes_print_as_Teleports_table_and_as_json()
    {
        WebNode[] nodes =
        [
            new("uuid-1", "db", "10.0.0.7:3022", false, new Dictionary<string, string> { ["role"] = "db", ["env"] = "prod" }, ["root"]),
            new("uuid-2", "edge", null, true, null, null),
        ];

        Assert.Equal(
            "Node Name Address       Labels\n" +
            "--------- ------------- ----------------\n" +
            "db        10.0.0.7:3022 env=prod,role=db\n" +
            "edge      ⟵ Tunnel      \n",
            NodeTable.Text(nodes));
        string json = NodeTable.Json(nodes);
        Assert.Contains("\"hostname\": \"db\"", json, StringComparison.Ordinal);
        Assert.Contains("\"ssh_logins\": [", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Web_errors_show_the_proxys_message_else_the_status()
    {
        Assert.Equal("invalid username, password or second factor code", WebApiClient.ErrorMessage(HttpStatusCode.Forbidden, "{\"error\":{\"message\":\"invalid username, password or second factor code\"}}"));
        Assert.Equal("the proxy answered 502 BadGateway", WebApiClient.ErrorMessage(HttpStatusCode.BadGateway, "<html>"));
    }

    [Fact]
    public void Bench_percentiles_are_nearest_rank()
    {
        TimeSpan[] latencies = [.. Enumerable.Range(1, 100).Select(i => TimeSpan.FromMilliseconds(i))];
        var result = new BenchResult(101, 1, latencies, null);

        Assert.Equal(TimeSpan.FromMilliseconds(25), result.Percentile(25));
        Assert.Equal(TimeSpan.FromMilliseconds(99), result.Percentile(99));
        Assert.Equal(TimeSpan.FromMilliseconds(100), result.Percentile(100));
        string report = result.ToString();
        Assert.Contains("* Requests originated: 101\n* Requests failed: 1\n", report, StringComparison.Ordinal);
        Assert.Contains("50         50 ms\n", report, StringComparison.Ordinal);
    }
}
