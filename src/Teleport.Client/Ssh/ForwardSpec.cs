namespace Teleport.Client.Ssh;

/// <summary>
/// A port forwarding as ssh's <c>-L</c> and <c>-R</c> take it: <c>[bind_address:]port:host:hostport</c>.
/// For -L the listener is local and host:hostport is dialed from the node; for -R the reverse.
/// </summary>
public sealed record ForwardSpec(string BindAddress, int BindPort, string Host, int HostPort)
{
    public static ForwardSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<string> parts = Split(text);
        return parts.Count switch
        {
            3 => new ForwardSpec("127.0.0.1", Port(parts[0], text), parts[1], Port(parts[2], text)),
            4 => new ForwardSpec(parts[0] is "" or "*" ? "0.0.0.0" : parts[0], Port(parts[1], text), parts[2], Port(parts[3], text)),
            _ => throw new ClientException($"invalid forwarding \"{text}\": use [bind_address:]port:host:hostport"),
        };
    }

    private static int Port(string text, string whole) => Profiles.HostPort.ParsePort(text, whole);

    /// <summary>Splits on colons outside [brackets], so IPv6 addresses can be written as [::1].</summary>
    private static List<string> Split(string text)
    {
        var parts = new List<string>();
        int start = 0;
        bool bracket = false;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '[')
            {
                bracket = true;
            }
            else if (text[i] == ']')
            {
                bracket = false;
            }
            else if (text[i] == ':' && !bracket)
            {
                parts.Add(text[start..i].Trim('[', ']'));
                start = i + 1;
            }
        }

        parts.Add(text[start..].Trim('[', ']'));
        return parts;
    }
}
