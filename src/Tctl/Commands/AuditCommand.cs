using System.CommandLine;
using System.Text.Json;
using Teleport.Api.Client;
using Teleport.Api.Types;

namespace Tctl.Commands;

/// <summary>
/// tctl audit events: searches the audit log by time and type. Our addition (Teleport searches
/// events in its web UI); text shows one event per line, json the events as Teleport stores them.
/// </summary>
internal static class AuditCommand
{
    private static readonly HashSet<string> Common = ["event", "code", "time", "uid", "ei", "cluster_name", "user"];

    public static Command Create()
    {
        var audit = new Command("audit", "Search the audit log.");
        var type = new Option<string?>("--type") { Description = "Only events of these types, comma-separated (user.login,session.start)." };
        var since = new Option<string>("--since") { Description = "How far back to search, as a duration (1h, 24h, 7d as 168h).", DefaultValueFactory = _ => "24h" };
        var format = new Option<string>("--format") { Description = "Output format: text or json.", DefaultValueFactory = _ => "text" };
        var limit = new Option<int>("--limit") { Description = "Most events to show.", DefaultValueFactory = _ => 500 };
        var events = new Command("events", "List audit events.") { type, since, format, limit };
        events.SetAction(async (result, cancellationToken) =>
        {
            if (!Duration.TryParse(result.GetValue(since), out Duration window))
            {
                throw new TctlException($"--since: \"{result.GetValue(since)}\" is not a duration such as 1h or 30m");
            }

            using AuthClient client = TctlContext.Load(result).Connect();
            DateTimeOffset now = DateTimeOffset.UtcNow;
            IReadOnlyList<JsonElement> found = await client.SearchEventsAsync(now - window.ToTimeSpan(), now.AddMinutes(1), UsersCommand.Split(result.GetValue(type)), result.GetValue(limit), cancellationToken);
            if (result.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(found, Teleport.Api.Client.Messages.MessagesJsonContext.Default.IReadOnlyListJsonElement));
                return 0;
            }

            var table = new TextTable("Time", "Event", "Code", "User", "Details");
            foreach (JsonElement e in found)
            {
                string details = string.Join(" ", e.EnumerateObject().Where(p => !Common.Contains(p.Name)).Select(p => $"{p.Name}={p.Value}"));
                table.Add(Text(e, "time"), Text(e, "event"), Text(e, "code"), Text(e, "user"), details);
            }

            Console.Write(table);
            return 0;
        });
        audit.Subcommands.Add(events);
        return audit;
    }

    private static string Text(JsonElement e, string name) => e.TryGetProperty(name, out JsonElement value) ? value.ToString() : string.Empty;
}
