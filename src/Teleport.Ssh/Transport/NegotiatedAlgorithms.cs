using Teleport.Ssh.Crypto.Ciphers;
using Teleport.Ssh.Crypto.KeyExchange;

namespace Teleport.Ssh.Transport;

/// <summary>The outcome of comparing two KEXINIT messages (RFC 4253 §7.1).</summary>
internal sealed record NegotiatedAlgorithms(
    KeyExchangeAlgorithm KeyExchange,
    string HostKeyAlgorithm,
    CipherAlgorithm CipherClientToServer,
    CipherAlgorithm CipherServerToClient,
    MacAlgorithm? MacClientToServer,
    MacAlgorithm? MacServerToClient,
    bool GuessWasRight);
