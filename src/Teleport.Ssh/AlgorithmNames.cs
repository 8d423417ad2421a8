namespace Teleport.Ssh;

/// <summary>The algorithm names this library speaks, spelled as RFC 4250, RFC 8709/8731 and OpenSSH do.</summary>
public static class AlgorithmNames
{
    // Key exchange (RFC 8731, RFC 5656, RFC 8268) and pseudo-algorithms (RFC 8308, OpenSSH PROTOCOL §1.9).
    public const string Curve25519Sha256 = "curve25519-sha256";
    public const string Curve25519Sha256LibSsh = "curve25519-sha256@libssh.org";
    public const string EcdhSha2Nistp256 = "ecdh-sha2-nistp256";
    public const string EcdhSha2Nistp384 = "ecdh-sha2-nistp384";
    public const string EcdhSha2Nistp521 = "ecdh-sha2-nistp521";
    public const string DiffieHellmanGroup16Sha512 = "diffie-hellman-group16-sha512";
    public const string DiffieHellmanGroup14Sha256 = "diffie-hellman-group14-sha256";
    public const string MlKem768X25519Sha256 = "mlkem768x25519-sha256";
    public const string ExtInfoClient = "ext-info-c";
    public const string ExtInfoServer = "ext-info-s";
    public const string KexStrictClient = "kex-strict-c-v00@openssh.com";
    public const string KexStrictServer = "kex-strict-s-v00@openssh.com";

    // Ciphers (OpenSSH PROTOCOL.chacha20poly1305, RFC 5647, RFC 4344).
    public const string ChaCha20Poly1305 = "chacha20-poly1305@openssh.com";
    public const string Aes128Gcm = "aes128-gcm@openssh.com";
    public const string Aes256Gcm = "aes256-gcm@openssh.com";
    public const string Aes128Ctr = "aes128-ctr";
    public const string Aes192Ctr = "aes192-ctr";
    public const string Aes256Ctr = "aes256-ctr";

    // MACs, encrypt-then-MAC only (OpenSSH PROTOCOL §1.5).
    public const string HmacSha256Etm = "hmac-sha2-256-etm@openssh.com";
    public const string HmacSha512Etm = "hmac-sha2-512-etm@openssh.com";

    public const string CompressionNone = "none";

    // Key types as they appear at the start of a public key blob.
    public const string Ed25519 = "ssh-ed25519";
    public const string Rsa = "ssh-rsa";
    public const string EcdsaNistp256 = "ecdsa-sha2-nistp256";
    public const string EcdsaNistp384 = "ecdsa-sha2-nistp384";
    public const string EcdsaNistp521 = "ecdsa-sha2-nistp521";
    public const string Ed25519Cert = "ssh-ed25519-cert-v01@openssh.com";
    public const string RsaCert = "ssh-rsa-cert-v01@openssh.com";
    public const string EcdsaNistp256Cert = "ecdsa-sha2-nistp256-cert-v01@openssh.com";
    public const string EcdsaNistp384Cert = "ecdsa-sha2-nistp384-cert-v01@openssh.com";
    public const string EcdsaNistp521Cert = "ecdsa-sha2-nistp521-cert-v01@openssh.com";

    // Signature algorithms that differ from their key type (RFC 8332). SHA-1 "ssh-rsa" signatures are never made or accepted.
    public const string RsaSha2256 = "rsa-sha2-256";
    public const string RsaSha2512 = "rsa-sha2-512";
    public const string RsaSha2256Cert = "rsa-sha2-256-cert-v01@openssh.com";
    public const string RsaSha2512Cert = "rsa-sha2-512-cert-v01@openssh.com";
}
