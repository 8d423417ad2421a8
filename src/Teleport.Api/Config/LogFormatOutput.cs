namespace Teleport.Api.Config;

/// <summary><c>teleport.log.format.output</c>: one line of text per entry, or one JSON object per entry.</summary>
public enum LogFormatOutput
{
    Text,
    Json,
}
