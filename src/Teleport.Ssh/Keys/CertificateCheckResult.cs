namespace Teleport.Ssh.Keys;

/// <summary>The outcome of a certificate check: valid, or the reason it is not, worded for the user.</summary>
public readonly record struct CertificateCheckResult(bool IsValid, string? Error)
{
    public static CertificateCheckResult Success => new(true, null);

    public static CertificateCheckResult Fail(string error) => new(false, error);
}
