using System.Globalization;
using System.Text;

namespace Teleport.Client.Profiles;

/// <summary>
/// <c>~/.tsh/&lt;proxyhost&gt;.yaml</c>: where the proxy is and who logged in to it, with Teleport's
/// key names (web_proxy_addr, ssh_proxy_addr, user, site_name, insecure).
/// </summary>
public sealed record ClientProfile(string WebProxyAddr, string SshProxyAddr, string User, string Cluster, bool Insecure)
{
    /// <summary>The proxy's host name: the profile's file name and the directory of its keys.</summary>
    public string ProxyHost => HostPort.Parse(WebProxyAddr, HostPort.DefaultWebPort).Host;

    public string ToYaml()
    {
        var text = new StringBuilder();
        text.Append("web_proxy_addr: ").Append(WebProxyAddr).Append('\n');
        text.Append("ssh_proxy_addr: ").Append(SshProxyAddr).Append('\n');
        text.Append("user: ").Append(User).Append('\n');
        text.Append("site_name: ").Append(Cluster).Append('\n');
        text.Append("insecure: ").Append(Insecure ? "true" : "false").Append('\n');
        return text.ToString();
    }

    /// <summary>Reads the flat key: value form <see cref="ToYaml"/> writes; unknown keys are ignored.</summary>
    public static ClientProfile Parse(string yaml, string source)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string raw in yaml.Split('\n'))
        {
            string line = raw.Trim();
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (line.Length == 0 || line[0] == '#' || colon <= 0)
            {
                continue;
            }

            values[line[..colon].Trim()] = line[(colon + 1)..].Trim().Trim('"');
        }

        string Required(string key) => values.TryGetValue(key, out string? value) && value.Length > 0
            ? value
            : throw new ClientException(string.Create(CultureInfo.InvariantCulture, $"{source}: missing {key}; log in again with tsh login"));

        return new ClientProfile(
            Required("web_proxy_addr"),
            Required("ssh_proxy_addr"),
            Required("user"),
            Required("site_name"),
            values.TryGetValue("insecure", out string? insecure) && insecure == "true");
    }
}
