namespace Teleport.Ssh.Keys;

/// <summary>The certificate's <c>type</c> field (OpenSSH PROTOCOL.certkeys).</summary>
public enum SshCertificateType : uint
{
    User = 1,
    Host = 2,
}
