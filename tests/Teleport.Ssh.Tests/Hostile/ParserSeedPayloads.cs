using Teleport.Ssh.Auth;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Connection.Session;
using Teleport.Ssh.Keys;
using Teleport.Ssh.Messages.Transport;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>
/// Well-formed payloads and request data, as real peers send them, for the packet-level parsers'
/// property tests to damage: every field a parser reads is present in at least one seed.
/// </summary>
internal static class ParserSeedPayloads
{
    private static readonly SshPrivateKey UserKey = SshPrivateKey.Generate();

    /// <summary>The server's KEXINIT, offering everything the library implements.</summary>
    public static KexInitMessage ServerKexInit { get; } = new()
    {
        KexAlgorithms = [.. SshAlgorithms.SupportedKeyExchange, AlgorithmNames.ExtInfoServer, AlgorithmNames.KexStrictServer],
        ServerHostKeyAlgorithms = [.. SshAlgorithms.SupportedPublicKeyAlgorithms],
        EncryptionClientToServer = [.. SshAlgorithms.SupportedCiphers],
        EncryptionServerToClient = [.. SshAlgorithms.SupportedCiphers],
        MacClientToServer = [.. SshAlgorithms.SupportedMacs],
        MacServerToClient = [.. SshAlgorithms.SupportedMacs],
    };

    public static byte[][] KexInits() =>
    [
        HostileMessages.KexInit(),
        HostileMessages.KexInit(strict: true, cipher: AlgorithmNames.Aes128Ctr),
        Payload(ServerKexInit.Write()),
        Payload(new KexInitMessage
        {
            KexAlgorithms = [AlgorithmNames.MlKem768X25519Sha256, AlgorithmNames.EcdhSha2Nistp256, AlgorithmNames.ExtInfoClient],
            ServerHostKeyAlgorithms = [AlgorithmNames.RsaSha2512, AlgorithmNames.EcdsaNistp256Cert],
            EncryptionClientToServer = [AlgorithmNames.Aes256Gcm, AlgorithmNames.Aes128Ctr],
            EncryptionServerToClient = [AlgorithmNames.Aes128Gcm],
            MacClientToServer = [AlgorithmNames.HmacSha512Etm, "hmac-sha1"],
            MacServerToClient = [AlgorithmNames.HmacSha256Etm],
            CompressionClientToServer = ["none", "zlib@openssh.com"],
            FirstKexPacketFollows = true,
        }.Write()),
    ];

    public static byte[][] NameLists() =>
    [
        "curve25519-sha256,curve25519-sha256@libssh.org,ext-info-c,kex-strict-c-v00@openssh.com"u8.ToArray(),
        "chacha20-poly1305@openssh.com"u8.ToArray(),
        "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p"u8.ToArray(),
        "ssh-ed25519-cert-v01@openssh.com,rsa-sha2-512,rsa-sha2-256"u8.ToArray(),
    ];

    public static byte[][] Disconnects() =>
    [
        Payload(new DisconnectMessage(DisconnectReason.ByApplication, "disconnected by user").Write()),
        Payload(new DisconnectMessage(DisconnectReason.ProtocolError, "corrupted packet: bad padding length").Write()),
        Payload(new DisconnectMessage((DisconnectReason)42, "unknown reason, UTF-8: é ü 日本").Write()),
    ];

    public static byte[][] ExtInfos() =>
    [
        Payload(new ExtInfoMessage { Extensions = new Dictionary<string, string> { ["server-sig-algs"] = "ssh-ed25519,rsa-sha2-512,rsa-sha2-256" } }.Write()),
        Payload(new ExtInfoMessage { Extensions = new Dictionary<string, string> { ["server-sig-algs"] = "ssh-ed25519", ["publickey-hostbound@openssh.com"] = "0", ["ping@openssh.com"] = "0" } }.Write()),
    ];

    public static byte[][] ServiceRequests() =>
    [
        HostileMessages.ServiceRequest("ssh-userauth"),
        HostileMessages.ServiceRequest("ssh-connection"),
    ];

    public static byte[][] UserAuthRequests()
    {
        byte[] blob = UserKey.PublicKey.ToBlob();
        return
        [
            HostileMessages.UserAuthNone("alice"),
            HostileMessages.UserAuthPassword("alice", "correct horse"),
            HostileMessages.Build(MessageNumber.UserAuthRequest, w =>
            {
                w.WriteString("alice");
                w.WriteString("ssh-connection");
                w.WriteString("publickey");
                w.WriteBoolean(false);
                w.WriteString(AlgorithmNames.Ed25519);
                w.WriteString(blob);
            }),
            HostileMessages.Build(MessageNumber.UserAuthRequest, w =>
            {
                w.WriteString("alice");
                w.WriteString("ssh-connection");
                w.WriteString("publickey");
                w.WriteBoolean(true);
                w.WriteString(AlgorithmNames.Ed25519);
                w.WriteString(blob);
                w.WriteString(new byte[83]);
            }),
            HostileMessages.Build(MessageNumber.UserAuthRequest, w =>
            {
                w.WriteString("bob");
                w.WriteString("ssh-connection");
                w.WriteString("keyboard-interactive");
                w.WriteString(string.Empty);
                w.WriteString(string.Empty);
            }),
        ];
    }

    public static byte[][] UserAuthOutcomes() =>
    [
        HostileMessages.Build(MessageNumber.UserAuthFailure, w =>
        {
            w.WriteNameList(["publickey", "password", "keyboard-interactive"]);
            w.WriteBoolean(false);
        }),
        HostileMessages.Build(MessageNumber.UserAuthFailure, w =>
        {
            w.WriteNameList(["publickey"]);
            w.WriteBoolean(true);
        }),
        HostileMessages.Build(MessageNumber.UserAuthSuccess),
    ];

    public static byte[][] PtyRequests() =>
    [
        Data(w => new PtyRequest("xterm-256color", 80, 24, 640, 480, [new(1, 3), new(53, 1), new(PtyRequest.InputSpeed, 38400), new(PtyRequest.OutputSpeed, 38400)]).WriteTo(w)),
        Data(w => new PtyRequest("vt100", 200, 50, 0, 0, []).WriteTo(w)),
    ];

    public static byte[][] TcpIpInfos() =>
    [
        Data(w => new TcpIpChannelInfo("db.internal.example.com", 5432, "127.0.0.1", 50022).WriteTo(w)),
        Data(w => new TcpIpChannelInfo("::1", 22, "2001:db8::1", 65535).WriteTo(w)),
    ];

    public static byte[][] EnvData() =>
    [
        Data(w =>
        {
            w.WriteString("LANG");
            w.WriteString("en_US.UTF-8");
        }),
        Data(w =>
        {
            w.WriteString("LC_ALL");
            w.WriteString(string.Empty);
        }),
    ];

    /// <summary>The single string of exec, subsystem and signal.</summary>
    public static byte[][] StringData() =>
    [
        Data(w => w.WriteString("ls -la /tmp && echo done")),
        Data(w => w.WriteString("TERM")),
    ];

    public static byte[][] WindowChangeData() =>
    [
        Data(w =>
        {
            w.WriteUInt32(120);
            w.WriteUInt32(40);
            w.WriteUInt32(0);
            w.WriteUInt32(0);
        }),
    ];

    public static byte[][] ExitSignalData() =>
    [
        Data(w =>
        {
            w.WriteString("KILL");
            w.WriteBoolean(true);
            w.WriteString("killed");
            w.WriteString(string.Empty);
        }),
    ];

    private static byte[] Payload(SshWriter writer)
    {
        using (writer)
        {
            return writer.ToArray();
        }
    }

    private static byte[] Data(Action<SshDataWriter> write)
    {
        using var writer = new SshWriter(128);
        write(new SshDataWriter(writer));
        return writer.ToArray();
    }
}
