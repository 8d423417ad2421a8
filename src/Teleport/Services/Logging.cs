using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Teleport.Api.Config;

namespace Teleport.Services;

/// <summary>teleport.log: severity and text or JSON format, to stderr (the default), stdout or a file.</summary>
internal static class Logging
{
    /// <summary>The logger factory for <paramref name="config"/>; a log file that cannot be opened throws IOException.</summary>
    public static ILoggerFactory Create(LogConfig config)
    {
        if (config.OutputIsFile)
        {
            LogFile.RedirectStandardError(config.Output);
        }

        return LoggerFactory.Create(builder => Configure(builder, config));
    }

    private static void Configure(ILoggingBuilder builder, LogConfig config)
    {
        builder.SetMinimumLevel(config.Severity switch
        {
            LogSeverity.Trace => LogLevel.Trace,
            LogSeverity.Debug => LogLevel.Debug,
            LogSeverity.Warn => LogLevel.Warning,
            LogSeverity.Error => LogLevel.Error,
            _ => LogLevel.Information,
        });

        // Framework chatter stays at warnings unless asked for debug.
        builder.AddFilter("Microsoft", config.Severity is LogSeverity.Debug or LogSeverity.Trace ? LogLevel.Information : LogLevel.Warning);
        LogLevel errorThreshold = config.Output == LogConfig.Stdout ? LogLevel.None : LogLevel.Trace;
        if (config.Format.Output == LogFormatOutput.Json)
        {
            builder.AddJsonConsole(options => options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ");
        }
        else
        {
            builder.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
                options.UseUtcTimestamp = true;
            });
        }

        builder.AddConsole(options => options.LogToStandardErrorThreshold = errorThreshold);
    }
}
