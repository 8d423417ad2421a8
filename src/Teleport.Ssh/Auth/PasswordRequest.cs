using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Auth;

/// <summary>The "password" fields of a USERAUTH_REQUEST (RFC 4252 §8); password changes are not supported.</summary>
internal readonly record struct PasswordRequest(bool IsChange, string Password)
{
    public static PasswordRequest Read(ReadOnlySpan<byte> payload, int offset)
    {
        var reader = new SshReader(payload);
        reader.ReadBytes(offset);
        bool change = reader.ReadBoolean();
        string password = reader.ReadUtf8(1024);
        return new PasswordRequest(change, password);
    }
}
