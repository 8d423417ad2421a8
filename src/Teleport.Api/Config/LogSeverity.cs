namespace Teleport.Api.Config;

/// <summary>
/// <c>teleport.log.severity</c>. Teleport reads it in any case (<c>info</c>, <c>INFO</c>) and
/// also takes <c>warning</c> for <see cref="Warn"/> and <c>err</c> for <see cref="Error"/>.
/// </summary>
public enum LogSeverity
{
    Trace,
    Debug,
    Info,
    Warn,
    Error,
}
