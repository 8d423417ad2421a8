using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Teleport.Ssh.Crypto;
using Teleport.Ssh.Crypto.Ciphers;
using Teleport.Ssh.Crypto.KeyExchange;
using Teleport.Ssh.Keys;
using Teleport.Ssh.Messages.Transport;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Transport;

internal sealed partial class SshTransport
{
    private readonly Lock _keyExchangeLock = new();

    // The exchange in progress; our KEXINIT is guarded by the lock (re-keys can start from the send loop).
    private byte[]? _localKexInitPayload;
    private KexInitMessage? _localKexInit;
    private byte[]? _peerKexInitPayload;
    private KexInitMessage? _peerKexInit;
    private NegotiatedAlgorithms? _negotiated;
    private KeyExchangeMethod? _keyExchange;
    private bool _ignoreNextKeyExchangePacket;
    private bool _newKeysSent;
    private bool _newKeysReceived;
    private PacketCipher? _pendingReceiveCipher;

    // Our NEWKEYS packets and the ciphers they switch to, in the same order: a peer may start the
    // next exchange before our previous NEWKEYS has left the queue.
    private readonly System.Collections.Concurrent.ConcurrentQueue<PacketCipher> _pendingSendCiphers = new();

    // Fixed by the first exchange.
    private byte[] _sessionId = [];
    private volatile bool _strictKex;
    private volatile bool _firstKeyExchangeDone;
    private bool _peerWantsExtInfo;
    private SshPublicKey? _serverHostKey;
    private long _lastKeyExchangeTimestamp;

    /// <summary>The algorithms of the last completed key exchange, for logs and tests.</summary>
    public NegotiatedAlgorithms? Algorithms { get; private set; }

    /// <summary>The server's host key or certificate, as verified during the first key exchange (client side).</summary>
    public SshPublicKey? ServerHostKey => _serverHostKey;

    /// <summary>Starts a key exchange by sending our KEXINIT, unless one is already under way.</summary>
    public void StartKeyExchange()
    {
        lock (_keyExchangeLock)
        {
            if (_localKexInit is not null || _closeReason is not null)
            {
                return;
            }

            bool initial = _sessionId.Length == 0;
            SshAlgorithms algorithms = _settings.Algorithms;
            var kex = new List<string>(algorithms.KeyExchange);
            if (initial)
            {
                // Pseudo-algorithms belong in the first KEXINIT only (RFC 8308 §2.1, PROTOCOL §1.9).
                kex.Add(IsServer ? AlgorithmNames.ExtInfoServer : AlgorithmNames.ExtInfoClient);
                kex.Add(IsServer ? AlgorithmNames.KexStrictServer : AlgorithmNames.KexStrictClient);
            }

            string[] hostKeys = IsServer
                ? [.. algorithms.HostKeys.Where(a => _settings.HostKeys.Any(k => PublicKeyAlgorithms.Matches(k.PublicKey, a)))]
                : [.. algorithms.HostKeys];
            _localKexInit = new KexInitMessage
            {
                KexAlgorithms = [.. kex],
                ServerHostKeyAlgorithms = hostKeys,
                EncryptionClientToServer = [.. algorithms.Ciphers],
                EncryptionServerToClient = [.. algorithms.Ciphers],
                MacClientToServer = [.. algorithms.Macs],
                MacServerToClient = [.. algorithms.Macs],
            };
            SshWriter packet = _localKexInit.Write();
            _localKexInitPayload = packet.WrittenSpan.ToArray();
            Send(packet);
        }
    }

    private void HandleKexInit(ReadOnlySpan<byte> payload)
    {
        if (_peerKexInit is not null)
        {
            throw new SshProtocolException("KEXINIT received during a key exchange");
        }

        KexInitMessage peer = KexInitMessage.Read(payload);
        if (_sessionId.Length == 0)
        {
            _strictKex = peer.KexAlgorithms.Contains(IsServer ? AlgorithmNames.KexStrictClient : AlgorithmNames.KexStrictServer);
            _peerWantsExtInfo = IsServer && peer.KexAlgorithms.Contains(AlgorithmNames.ExtInfoClient);
            if (_strictKex && LastReceivedSequenceNumber != 0)
            {
                throw new SshProtocolException(DisconnectReason.KeyExchangeFailed, "strict KEX violation: KEXINIT was not the first packet");
            }
        }

        _peerKexInit = peer;
        _peerKexInitPayload = payload.ToArray();
        StartKeyExchange();

        KexInitMessage local = _localKexInit!;
        _negotiated = IsServer ? AlgorithmNegotiation.Negotiate(peer, local) : AlgorithmNegotiation.Negotiate(local, peer);
        _ignoreNextKeyExchangePacket = peer.FirstKexPacketFollows && !_negotiated.GuessWasRight;
        _keyExchange = _negotiated.KeyExchange.Start(IsServer);
        if (!IsServer)
        {
            SshWriter init = SshWriter.ForPacket(MessageNumber.KexEcdhInit, 600);
            WritePublicValue(init, _keyExchange.LocalPublicValue);
            Send(init);
        }
    }

    private async ValueTask HandleKeyExchangeMethodMessageAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (_keyExchange is null || _newKeysSent)
        {
            throw new SshProtocolException($"key exchange message {payload.Span[0]} outside a key exchange");
        }

        if (_ignoreNextKeyExchangePacket)
        {
            // RFC 4253 §7: the peer's guessed first packet was for other algorithms.
            _ignoreNextKeyExchangePacket = false;
            return;
        }

        var number = (MessageNumber)payload.Span[0];
        if (IsServer && number == MessageNumber.KexEcdhInit)
        {
            await AnswerKeyExchangeAsync(payload, cancellationToken).ConfigureAwait(false);
        }
        else if (!IsServer && number == MessageNumber.KexEcdhReply)
        {
            await CompleteKeyExchangeAsync(payload, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw new SshProtocolException($"unexpected key exchange message {(byte)number}");
        }
    }

    /// <summary>Server: the client's public value arrived; answer with our host key, value and signature.</summary>
    private async ValueTask AnswerKeyExchangeAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        byte[] clientPublic = ReadKeyExchangeInit(payload.Span);
        byte[] secret = _keyExchange!.ComputeSharedSecret(clientPublic);
        string hostKeyAlgorithm = _negotiated!.HostKeyAlgorithm;
        ISshSigner signer = _settings.HostKeys.First(k => PublicKeyAlgorithms.Matches(k.PublicKey, hostKeyAlgorithm));
        byte[] hostKeyBlob = signer.PublicKey.ToBlob();
        byte[] serverPublic = _keyExchange.LocalPublicValue;
        byte[] exchangeHash = ComputeExchangeHash(RemoteVersion, LocalVersion, _peerKexInitPayload!, _localKexInitPayload!, hostKeyBlob, clientPublic, serverPublic, secret);
        if (_sessionId.Length == 0)
        {
            _sessionId = exchangeHash;
        }

        byte[] signature = await signer.SignAsync(PublicKeyAlgorithms.SignatureAlgorithmFor(hostKeyAlgorithm), exchangeHash, cancellationToken).ConfigureAwait(false);
        SshWriter reply = SshWriter.ForPacket(MessageNumber.KexEcdhReply, 1200);
        reply.WriteString(hostKeyBlob);
        WritePublicValue(reply, serverPublic);
        reply.WriteString(signature);
        Send(reply);
        InstallKeys(secret, exchangeHash);
        SendNewKeys();
    }

    /// <summary>Client: the server answered; verify its host key and signature, then switch keys.</summary>
    private async ValueTask CompleteKeyExchangeAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        (byte[] hostKeyBlob, byte[] serverPublic, byte[] signature) = ReadKeyExchangeReply(payload.Span);
        string hostKeyAlgorithm = _negotiated!.HostKeyAlgorithm;
        SshPublicKey hostKey;
        try
        {
            hostKey = SshPublicKey.Parse(hostKeyBlob);
        }
        catch (SshProtocolException e)
        {
            throw new SshProtocolException(DisconnectReason.HostKeyNotVerifiable, "server host key is malformed: " + e.Message);
        }

        if (!PublicKeyAlgorithms.Matches(hostKey, hostKeyAlgorithm))
        {
            throw new SshProtocolException(DisconnectReason.HostKeyNotVerifiable, $"server sent a {hostKey.KeyType} host key for algorithm {hostKeyAlgorithm}");
        }

        byte[] clientPublic = _keyExchange!.LocalPublicValue;
        byte[] secret = _keyExchange.ComputeSharedSecret(serverPublic);
        byte[] exchangeHash = ComputeExchangeHash(LocalVersion, RemoteVersion, _localKexInitPayload!, _peerKexInitPayload!, hostKeyBlob, clientPublic, serverPublic, secret);
        if (!hostKey.VerifySignature(PublicKeyAlgorithms.SignatureAlgorithmFor(hostKeyAlgorithm), exchangeHash, signature))
        {
            throw new SshProtocolException(DisconnectReason.HostKeyNotVerifiable, "server host key signature is invalid");
        }

        if (_serverHostKey is null)
        {
            bool trusted = _settings.HostKeyVerifier is { } verify && await verify(hostKey, cancellationToken).ConfigureAwait(false);
            if (!trusted)
            {
                throw new SshProtocolException(DisconnectReason.HostKeyNotVerifiable, $"host key verification failed for {hostKey.KeyType} {hostKey.Fingerprint}");
            }

            _serverHostKey = hostKey;
        }
        else if (!_serverHostKey.Equals(hostKey))
        {
            throw new SshProtocolException(DisconnectReason.HostKeyNotVerifiable, "server host key changed during key re-exchange");
        }

        if (_sessionId.Length == 0)
        {
            _sessionId = exchangeHash;
        }

        InstallKeys(secret, exchangeHash);
        SendNewKeys();
    }

    private byte[] ReadKeyExchangeInit(ReadOnlySpan<byte> payload)
    {
        var reader = new SshReader(payload);
        reader.ReadMessageNumber();
        byte[] value = ReadPublicValue(ref reader);
        return value;
    }

    private (byte[] HostKey, byte[] ServerPublic, byte[] Signature) ReadKeyExchangeReply(ReadOnlySpan<byte> payload)
    {
        var reader = new SshReader(payload);
        reader.ReadMessageNumber();
        byte[] hostKey = reader.ReadString().ToArray();
        byte[] serverPublic = ReadPublicValue(ref reader);
        byte[] signature = reader.ReadString().ToArray();
        return (hostKey, serverPublic, signature);
    }

    private byte[] ReadPublicValue(ref SshReader reader) =>
        _negotiated!.KeyExchange.PublicValuesAreMpints ? reader.ReadMpintMagnitude(1024).ToArray() : reader.ReadString().ToArray();

    private void WritePublicValue(SshWriter writer, byte[] value)
    {
        if (_negotiated!.KeyExchange.PublicValuesAreMpints)
        {
            writer.WriteMpint(value);
        }
        else
        {
            writer.WriteString(value);
        }
    }

    /// <summary>H = HASH(V_C || V_S || I_C || I_S || K_S || client value || server value || K) (RFC 4253 §8, RFC 5656 §4).</summary>
    private byte[] ComputeExchangeHash(string clientVersion, string serverVersion, byte[] clientKexInit, byte[] serverKexInit, byte[] hostKey, byte[] clientPublic, byte[] serverPublic, byte[] encodedSecret)
    {
        using var writer = new SshWriter(4096);
        writer.WriteString(clientVersion);
        writer.WriteString(serverVersion);
        writer.WriteString(clientKexInit);
        writer.WriteString(serverKexInit);
        writer.WriteString(hostKey);
        WritePublicValue(writer, clientPublic);
        WritePublicValue(writer, serverPublic);
        writer.WriteRaw(encodedSecret);
        HashAlgorithmName hash = _negotiated!.KeyExchange.HashAlgorithm;
        return hash == HashAlgorithmName.SHA512 ? SHA512.HashData(writer.WrittenSpan)
            : hash == HashAlgorithmName.SHA384 ? SHA384.HashData(writer.WrittenSpan)
            : SHA256.HashData(writer.WrittenSpan);
    }

    /// <summary>Derives both directions' keys (RFC 4253 §7.2) and readies the ciphers for NEWKEYS.</summary>
    private void InstallKeys(byte[] encodedSecret, byte[] exchangeHash)
    {
        NegotiatedAlgorithms negotiated = _negotiated!;
        HashAlgorithmName hash = negotiated.KeyExchange.HashAlgorithm;
        PacketCipher Build(CipherAlgorithm cipher, MacAlgorithm? mac, char ivLetter, char keyLetter, char macLetter)
        {
            byte[] iv = KeyDerivation.Derive(hash, encodedSecret, exchangeHash, ivLetter, _sessionId, cipher.IvSize);
            byte[] key = KeyDerivation.Derive(hash, encodedSecret, exchangeHash, keyLetter, _sessionId, cipher.KeySize);
            byte[]? macKey = mac is null ? null : KeyDerivation.Derive(hash, encodedSecret, exchangeHash, macLetter, _sessionId, mac.KeySize);
            try
            {
                return cipher.Create(key, iv, mac, macKey);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(iv);
                CryptographicOperations.ZeroMemory(key);
                if (macKey is not null)
                {
                    CryptographicOperations.ZeroMemory(macKey);
                }
            }
        }

        PacketCipher clientToServer = Build(negotiated.CipherClientToServer, negotiated.MacClientToServer, 'A', 'C', 'E');
        PacketCipher serverToClient = Build(negotiated.CipherServerToClient, negotiated.MacServerToClient, 'B', 'D', 'F');
        CryptographicOperations.ZeroMemory(encodedSecret);
        _pendingSendCiphers.Enqueue(IsServer ? serverToClient : clientToServer);
        _pendingReceiveCipher = IsServer ? clientToServer : serverToClient;
    }

    private void SendNewKeys()
    {
        Send(SshWriter.ForPacket(MessageNumber.NewKeys));
        _newKeysSent = true;
        if (IsServer && !_firstKeyExchangeDone && _peerWantsExtInfo)
        {
            // RFC 8308 §2.4: sent as the next packet after the server's first NEWKEYS.
            Send(new ExtInfoMessage { Extensions = new Dictionary<string, string> { ["server-sig-algs"] = ServerSignatureAlgorithms() } }.Write());
        }

        CompleteKeyExchangeIfDone();
    }

    private string ServerSignatureAlgorithms() =>
        string.Join(',', _settings.Algorithms.PublicKeys.Select(PublicKeyAlgorithms.SignatureAlgorithmFor).Distinct());

    private void HandleNewKeys()
    {
        PacketCipher next = _pendingReceiveCipher ?? throw new SshProtocolException("NEWKEYS received before the key exchange completed");
        _pendingReceiveCipher = null;
        _receiveCipher.Dispose();
        _receiveCipher = next;
        if (_strictKex)
        {
            _receiveSequence = 0;
        }

        _bytesReceivedSinceKex = 0;
        _newKeysReceived = true;
        CompleteKeyExchangeIfDone();
    }

    /// <summary>Called by the send loop right after our NEWKEYS left: later packets use the new keys.</summary>
    private void SwitchSendCipher()
    {
        if (!_pendingSendCiphers.TryDequeue(out PacketCipher? next))
        {
            throw new InvalidOperationException("NEWKEYS sent without new keys");
        }

        _sendCipher.Dispose();
        _sendCipher = next;
        if (_strictKex)
        {
            _sendSequence = 0;
        }

        _bytesSentSinceKex = 0;
    }

    private void CompleteKeyExchangeIfDone()
    {
        if (!_newKeysSent || !_newKeysReceived)
        {
            return;
        }

        Algorithms = _negotiated;
        lock (_keyExchangeLock)
        {
            _localKexInit = null;
            _localKexInitPayload = null;
        }

        _peerKexInit = null;
        _peerKexInitPayload = null;
        _keyExchange?.Dispose();
        _keyExchange = null;
        _newKeysSent = false;
        _newKeysReceived = false;
        _lastKeyExchangeTimestamp = _settings.Clock.GetTimestamp();
        if (!_firstKeyExchangeDone)
        {
            _firstKeyExchangeDone = true;
            _logger.LogDebug(
                "key exchange done with {Peer}: {Kex}, {HostKey}, {Cipher}{Strict}",
                RemoteVersion, Algorithms!.KeyExchange.Name, Algorithms.HostKeyAlgorithm, Algorithms.CipherClientToServer.Name, _strictKex ? ", strict" : string.Empty);
        }
    }

    /// <summary>Receive side: re-key after the byte or time limit (RFC 4253 §9).</summary>
    private void CheckRekeyNeeded()
    {
        if (_bytesReceivedSinceKex > _settings.RekeyAfterBytes || RekeyTimeElapsed())
        {
            StartKeyExchange();
        }
    }

    /// <summary>Send side: same limits, checked by the send loop outside key exchanges.</summary>
    private void CheckRekeyNeededForSending()
    {
        if (_firstKeyExchangeDone && (_bytesSentSinceKex > _settings.RekeyAfterBytes || RekeyTimeElapsed()))
        {
            StartKeyExchange();
        }
    }

    private bool RekeyTimeElapsed() =>
        _lastKeyExchangeTimestamp != 0 && _settings.Clock.GetElapsedTime(_lastKeyExchangeTimestamp) > _settings.RekeyAfterTime;
}
