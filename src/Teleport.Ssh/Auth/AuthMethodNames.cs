namespace Teleport.Ssh.Auth;

/// <summary>Authentication method names (RFC 4252 §5, RFC 4256).</summary>
public static class AuthMethodNames
{
    public const string None = "none";
    public const string PublicKey = "publickey";
    public const string Password = "password";
    public const string KeyboardInteractive = "keyboard-interactive";
}
