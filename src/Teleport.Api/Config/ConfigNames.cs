using Teleport.Api.Serialization.Documents;

namespace Teleport.Api.Config;

/// <summary>The enumerations of <c>teleport.yaml</c> in Teleport's spelling, both ways.</summary>
internal static class ConfigNames
{
    /// <summary>Teleport's applyLogConfig: any case; <c>warning</c> and <c>err</c> too; empty is INFO.</summary>
    public static LogSeverity Severity(string text, string path, DocNode at) => text.ToUpperInvariant() switch
    {
        "" or "INFO" => LogSeverity.Info,
        "DEBUG" => LogSeverity.Debug,
        "WARN" or "WARNING" => LogSeverity.Warn,
        "ERR" or "ERROR" => LogSeverity.Error,
        "TRACE" => LogSeverity.Trace,
        _ => throw ReadContext.Error(path, at, $"\"{text}\" is not a severity: write DEBUG, INFO, WARN or ERROR"),
    };

    public static string Name(LogSeverity severity) => severity switch
    {
        LogSeverity.Trace => "TRACE",
        LogSeverity.Debug => "DEBUG",
        LogSeverity.Warn => "WARN",
        LogSeverity.Error => "ERROR",
        _ => "INFO",
    };

    /// <summary>Teleport's applyLogConfig: <c>stderr</c>, <c>error</c>, <c>2</c> / <c>stdout</c>, <c>out</c>, <c>1</c> / a file path.</summary>
    public static string LogOutput(string text, string path, DocNode at) => text switch
    {
        "" or LogConfig.Stderr or "error" or "2" => LogConfig.Stderr,
        LogConfig.Stdout or "out" or "1" => LogConfig.Stdout,
        "syslog" => throw ReadContext.Error(path, at, "syslog output is not supported by this implementation yet: write stderr (journald keeps it) or a file path"),
        _ => text,
    };

    public static LogFormatOutput FormatOutput(string text, string path, DocNode at) => text.ToUpperInvariant() switch
    {
        "" or "TEXT" => LogFormatOutput.Text,
        "JSON" => LogFormatOutput.Json,
        _ => throw ReadContext.Error(path, at, $"\"{text}\" is not a log format: write text or json"),
    };

    public static string Name(LogFormatOutput output) => output == LogFormatOutput.Json ? "json" : "text";

    public static StorageType Storage(string text, string path, DocNode at) => text switch
    {
        "" or "sqlite" or "dir" => StorageType.Sqlite,
        "postgresql" => StorageType.Postgresql,
        "etcd" or "dynamodb" or "firestore" or "memory" => throw ReadContext.Error(path, at,
            $"the {text} backend is not supported by this implementation: write sqlite, or postgresql for high availability"),
        _ => throw ReadContext.Error(path, at, $"unknown storage type \"{text}\": write sqlite, or postgresql for high availability"),
    };

    public static string Name(StorageType type) => type == StorageType.Postgresql ? "postgresql" : "sqlite";

    public static SecondFactor SecondFactor(string text, string path, DocNode at) => text switch
    {
        "otp" => Config.SecondFactor.Otp,
        "on" => Config.SecondFactor.On,
        "off" => Config.SecondFactor.Off,
        "optional" => Config.SecondFactor.Optional,
        "webauthn" or "u2f" => throw ReadContext.Error(path, at, $"second_factor {text} is not supported by this implementation yet: write otp, on, optional or off"),
        _ => throw ReadContext.Error(path, at, $"\"{text}\" is not a second factor: write otp, on, optional or off"),
    };

    public static string Name(SecondFactor factor) => factor switch
    {
        Config.SecondFactor.Off => "off",
        Config.SecondFactor.On => "on",
        Config.SecondFactor.Optional => "optional",
        _ => "otp",
    };

    public static SessionRecordingMode SessionRecording(string text, string path, DocNode at) => text switch
    {
        "node" => SessionRecordingMode.Node,
        "node-sync" => SessionRecordingMode.NodeSync,
        "proxy" => SessionRecordingMode.Proxy,
        "proxy-sync" => SessionRecordingMode.ProxySync,
        "off" => SessionRecordingMode.Off,
        _ => throw ReadContext.Error(path, at, $"\"{text}\" is not a recording mode: write node, node-sync, proxy, proxy-sync or off"),
    };

    public static string Name(SessionRecordingMode mode) => mode switch
    {
        SessionRecordingMode.NodeSync => "node-sync",
        SessionRecordingMode.Proxy => "proxy",
        SessionRecordingMode.ProxySync => "proxy-sync",
        SessionRecordingMode.Off => "off",
        _ => "node",
    };

    public static ProxyListenerMode ListenerMode(string text, string path, DocNode at) => text switch
    {
        "separate" => ProxyListenerMode.Separate,
        "multiplex" => ProxyListenerMode.Multiplex,
        _ => throw ReadContext.Error(path, at, $"\"{text}\" is not a proxy listener mode: write separate or multiplex"),
    };
}
