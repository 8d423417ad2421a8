using Teleport.Api.Config;

namespace Teleport.Api.Tests.Config;

/// <summary><c>auth_service.tokens</c>: <c>"roles:secret"</c>, roles in any case, kept in Teleport's spelling.</summary>
public sealed class StaticTokenTests
{
    [Theory]
    [InlineData("node:abc", new[] { "Node" }, "abc")]
    [InlineData("node,proxy:abc", new[] { "Node", "Proxy" }, "abc")]
    [InlineData("NODE, Proxy ,auth:abc", new[] { "Node", "Proxy", "Auth" }, "abc")]
    [InlineData("trusted_cluster:t0k3n", new[] { "Trusted_cluster" }, "t0k3n")]
    [InlineData("node:with:colons", new[] { "Node" }, "with:colons")]
    [InlineData("node:/etc/teleport/node-tokens", new[] { "Node" }, "/etc/teleport/node-tokens")]
    public void Parses(string text, string[] roles, string secret)
    {
        StaticToken token = StaticToken.Parse(text);

        Assert.Equal(roles, token.Roles);
        Assert.Equal(secret, token.Secret);
        Assert.Equal(secret.StartsWith('/'), token.SecretIsFilePath);
        Assert.Equal(string.Join(',', roles) + ":" + secret, token.ToString());
    }

    [Theory]
    [InlineData("abc", "\"abc\" is not a token: write roles:secret, like \"node:abc\" or \"node,proxy:abc\"")]
    [InlineData(":abc", "\":abc\" is not a token: a role is missing before ':' (write node, proxy, auth, ...)")]
    [InlineData("node,:abc", "\"node,:abc\" is not a token: a role is missing before ':' (write node, proxy, auth, ...)")]
    [InlineData("node:", "\"node:\" is not a token: the secret after ':' is empty")]
    [InlineData("admin:abc", "\"admin:abc\" is not a token: \"admin\" is not a role a token can grant (write node, proxy, auth, ...)")]
    [InlineData("node,Node:abc", "\"node,Node:abc\" is not a token: the role Node appears twice")]
    public void Refuses(string text, string problem)
    {
        FormatException e = Assert.Throws<FormatException>(() => StaticToken.Parse(text));

        Assert.Equal(problem, e.Message);
    }
}
