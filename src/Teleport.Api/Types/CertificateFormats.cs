namespace Teleport.Api.Types;

/// <summary>Values of a role's <c>options.cert_format</c>.</summary>
public static class CertificateFormats
{
    /// <summary>Certificates with Teleport's extensions (roles, traits).</summary>
    public const string Standard = "standard";

    /// <summary>Certificates without extensions, for OpenSSH older than 7.4.</summary>
    public const string OldSsh = "oldssh";
}
