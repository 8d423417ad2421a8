using System.Diagnostics.CodeAnalysis;
using Teleport.Api.Types;

namespace Teleport.Api.Config;

/// <summary>
/// One of <c>auth_service.tokens</c>: a join token that never expires, written
/// <c>"node,proxy:secret"</c>. The roles are read in any case and kept in Teleport's spelling
/// (<c>Node</c>, <c>Proxy</c>); a secret starting with <c>/</c> names a file of secrets, one a line.
/// </summary>
public sealed record StaticToken
{
    public required ValueList<string> Roles { get; init; }

    public required string Secret { get; init; }

    /// <summary>Whether <see cref="Secret"/> is a path to read the secrets from (Teleport's TryReadValueAsFile).</summary>
    public bool SecretIsFilePath => Secret.StartsWith('/');

    /// <summary>
    /// Reads <c>roles:secret</c>, split at the first colon as Teleport does; throws
    /// <see cref="FormatException"/> saying what is wrong.
    /// </summary>
    public static StaticToken Parse(string text) =>
        TryParse(text, out StaticToken? token, out string? problem) ? token : throw new FormatException(problem);

    /// <summary>The token as it is written in <c>teleport.yaml</c>.</summary>
    public override string ToString() => string.Join(',', Roles) + ":" + Secret;

    internal static bool TryParse(string text, [NotNullWhen(true)] out StaticToken? token, [NotNullWhen(false)] out string? problem)
    {
        token = null;
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            problem = $"\"{text}\" is not a token: write roles:secret, like \"node:{text}\" or \"node,proxy:{text}\"";
            return false;
        }

        string secret = text[(colon + 1)..];
        if (secret.Length == 0)
        {
            problem = $"\"{text}\" is not a token: the secret after ':' is empty";
            return false;
        }

        var roles = new List<string>();
        foreach (string part in text[..colon].Split(','))
        {
            string name = part.Trim();
            if (!SystemRoles.TryNormalize(name, out string? role))
            {
                problem = name.Length == 0
                    ? $"\"{text}\" is not a token: a role is missing before ':' (write node, proxy, auth, ...)"
                    : $"\"{text}\" is not a token: \"{name}\" is not a role a token can grant (write node, proxy, auth, ...)";
                return false;
            }

            if (roles.Contains(role))
            {
                problem = $"\"{text}\" is not a token: the role {role} appears twice";
                return false;
            }

            roles.Add(role);
        }

        token = new StaticToken { Roles = ValueList.From(roles), Secret = secret };
        problem = null;
        return true;
    }
}
