using System.Text;
using System.Text.Json;
using Teleport.Client.WebApi;

namespace Teleport.Client.Ssh;

/// <summary>tsh ls output: Teleport's "Node Name / Address / Labels" table, or the JSON array.</summary>
public static class NodeTable
{
    public static string Text(IReadOnlyList<WebNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        string[] headers = ["Node Name", "Address", "Labels"];
        List<string[]> rows = [.. nodes.Select(n => new[]
        {
            n.Hostname,
            n.Tunnel ? "⟵ Tunnel" : n.Addr ?? string.Empty,
            string.Join(",", (n.Labels ?? new Dictionary<string, string>()).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")),
        })];
        int[] widths = [.. headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length)))];
        var text = new StringBuilder();
        Line(text, headers, widths);
        Line(text, [.. widths.Select(w => new string('-', w))], widths);
        foreach (string[] row in rows)
        {
            Line(text, row, widths);
        }

        return text.ToString();
    }

    public static string Json(IReadOnlyList<WebNode> nodes) =>
        JsonSerializer.Serialize(nodes, WebApiJsonContext.Default.IReadOnlyListWebNode) + "\n";

    private static void Line(StringBuilder text, string[] cells, int[] widths)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            text.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i] + 1));
        }

        text.Append('\n');
    }
}
