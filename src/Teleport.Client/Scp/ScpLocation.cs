namespace Teleport.Client.Scp;

/// <summary>
/// One side of <c>tsh scp</c>: a local path, or <c>[login@]host:path</c> as scp(1) reads it (a
/// colon before any slash makes it remote; an empty remote path is the login's home).
/// </summary>
public sealed record ScpLocation(string? Login, string? Host, string Path)
{
    public bool IsRemote => Host is not null;

    public static ScpLocation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (colon <= 0 || (slash >= 0 && slash < colon))
        {
            return text.Length == 0 ? throw new ClientException("empty path") : new ScpLocation(null, null, text);
        }

        string host = text[..colon];
        string path = text[(colon + 1)..];
        string? login = null;
        int at = host.LastIndexOf('@');
        if (at >= 0)
        {
            login = host[..at];
            host = host[(at + 1)..];
            if (login.Length == 0 || host.Length == 0)
            {
                throw new ClientException($"invalid remote path \"{text}\": use [login@]host:path");
            }
        }

        return new ScpLocation(login, host, path.Length == 0 ? "." : path);
    }
}
