using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Auth;

/// <summary>The common part of SSH_MSG_USERAUTH_REQUEST (RFC 4252 §5); method fields start at <see cref="MethodDataOffset"/>.</summary>
internal readonly record struct UserAuthRequest(string UserName, string ServiceName, string Method, int MethodDataOffset)
{
    public static UserAuthRequest Read(ReadOnlySpan<byte> payload)
    {
        var reader = new SshReader(payload);
        if (reader.ReadMessageNumber() != MessageNumber.UserAuthRequest)
        {
            throw new SshProtocolException($"expected USERAUTH_REQUEST, got message {payload[0]}");
        }

        string user = reader.ReadUtf8(256);
        string service = reader.ReadName();
        string method = reader.ReadName();
        return new UserAuthRequest(user, service, method, reader.Position);
    }
}
