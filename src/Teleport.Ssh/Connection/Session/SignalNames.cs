namespace Teleport.Ssh.Connection.Session;

/// <summary>Linux signal numbers and the names SSH uses for them (RFC 4254 §6.10, without "SIG").</summary>
public static class SignalNames
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [1] = "HUP", [2] = "INT", [3] = "QUIT", [4] = "ILL", [6] = "ABRT", [8] = "FPE", [9] = "KILL",
        [10] = "USR1", [11] = "SEGV", [12] = "USR2", [13] = "PIPE", [14] = "ALRM", [15] = "TERM",
    };

    public static string NameOf(int signal) => Names.TryGetValue(signal, out string? name) ? name : signal.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static int? NumberOf(string name) => Names.FirstOrDefault(pair => pair.Value == name) is { Value: not null } pair ? pair.Key : null;
}
