namespace Teleport.Ssh.Connection.Session;

/// <summary>Linux signal numbers and the names SSH uses for them (RFC 4254 §6.10, without "SIG").</summary>
public static class SignalNames
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [1] = "HUP", [2] = "INT", [3] = "QUIT", [4] = "ILL", [6] = "ABRT", [8] = "FPE", [9] = "KILL",
        [10] = "USR1", [11] = "SEGV", [12] = "USR2", [13] = "PIPE", [14] = "ALRM", [15] = "TERM",
    };

    /// <summary>The name of <paramref name="signal"/>, or its number as text for one SSH has no name for.</summary>
    public static string NameOf(int signal) => Known(signal) ?? signal.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The name of <paramref name="signal"/>, or null for one SSH has no name for.</summary>
    public static string? Known(int signal) => Names.GetValueOrDefault(signal);

    public static int? NumberOf(string name) => Names.FirstOrDefault(pair => pair.Value == name) is { Value: not null } pair ? pair.Key : null;
}
