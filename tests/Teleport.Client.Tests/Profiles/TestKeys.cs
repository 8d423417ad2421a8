using System.Security.Cryptography;
using Teleport.Api.Identity;
using Teleport.Client.Profiles;
using Teleport.Ssh.Keys;

namespace Teleport.Client.Tests.Profiles;

/// <summary>Keys as a login would leave them, signed by throwaway CAs.</summary>
internal static class TestKeys
{
    public static ClientKeys Create(DateTimeOffset validBefore, out SshPrivateKey hostAuthority)
    {
        using var userAuthority = Ed25519PrivateKey.Generate();
        hostAuthority = Ed25519PrivateKey.Generate();
        var key = Ed25519PrivateKey.Generate();
        var builder = new SshCertificateBuilder(key.PublicKey, SshCertificateType.User)
        {
            KeyId = "alice",
            ValidAfter = DateTimeOffset.UtcNow.AddMinutes(-1),
            ValidBefore = validBefore,
        };
        builder.Principals.Add("root");
        builder.Principals.Add("alice");
        builder.WithDefaultUserExtensions();
        builder.Extensions[TeleportCertExtensions.Roles] = TeleportCertExtensions.WriteRoles(["access"]);
        SshCertificate certificate = builder.Sign(userAuthority);
        using var tlsKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new ClientKeys(key, certificate, "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n", tlsKey.ExportPkcs8PrivateKeyPem(), ["-----BEGIN CERTIFICATE-----\nAQ==\n-----END CERTIFICATE-----\n"], [hostAuthority.PublicKey]);
    }
}
