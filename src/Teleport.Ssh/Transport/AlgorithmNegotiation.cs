using Teleport.Ssh.Crypto.Ciphers;
using Teleport.Ssh.Crypto.KeyExchange;
using Teleport.Ssh.Messages.Transport;

namespace Teleport.Ssh.Transport;

/// <summary>
/// Picks the algorithms for a key exchange: in each list, the first name of the client's that the
/// server also offers (RFC 4253 §7.1). Pseudo-algorithms (ext-info, strict KEX) are never chosen.
/// </summary>
internal static class AlgorithmNegotiation
{
    public static NegotiatedAlgorithms Negotiate(KexInitMessage client, KexInitMessage server)
    {
        string kexName = Choose("key exchange", client.KexAlgorithms, server.KexAlgorithms, skipPseudo: true);
        string hostKey = Choose("host key", client.ServerHostKeyAlgorithms, server.ServerHostKeyAlgorithms, skipPseudo: false);
        CipherAlgorithm c2s = CipherAlgorithm.Find(Choose("client to server cipher", client.EncryptionClientToServer, server.EncryptionClientToServer, skipPseudo: false))!;
        CipherAlgorithm s2c = CipherAlgorithm.Find(Choose("server to client cipher", client.EncryptionServerToClient, server.EncryptionServerToClient, skipPseudo: false))!;
        MacAlgorithm? macC2S = c2s.IsAead ? null : MacAlgorithm.Find(Choose("client to server MAC", client.MacClientToServer, server.MacClientToServer, skipPseudo: false));
        MacAlgorithm? macS2C = s2c.IsAead ? null : MacAlgorithm.Find(Choose("server to client MAC", client.MacServerToClient, server.MacServerToClient, skipPseudo: false));
        Choose("client to server compression", client.CompressionClientToServer, server.CompressionClientToServer, skipPseudo: false);
        Choose("server to client compression", client.CompressionServerToClient, server.CompressionServerToClient, skipPseudo: false);

        // RFC 4253 §7: a guessed first packet counts only if both sides' first choices agree.
        bool guessWasRight = client.KexAlgorithms.Length > 0 && server.KexAlgorithms.Length > 0
            && client.KexAlgorithms[0] == server.KexAlgorithms[0]
            && client.ServerHostKeyAlgorithms.Length > 0 && server.ServerHostKeyAlgorithms.Length > 0
            && client.ServerHostKeyAlgorithms[0] == server.ServerHostKeyAlgorithms[0];

        return new NegotiatedAlgorithms(KeyExchangeAlgorithms.Find(kexName)!, hostKey, c2s, s2c, macC2S, macS2C, guessWasRight);
    }

    public static bool IsPseudoAlgorithm(string name) => name is AlgorithmNames.ExtInfoClient or AlgorithmNames.ExtInfoServer
        or AlgorithmNames.KexStrictClient or AlgorithmNames.KexStrictServer;

    private static string Choose(string what, string[] clientList, string[] serverList, bool skipPseudo)
    {
        foreach (string name in clientList)
        {
            if ((!skipPseudo || !IsPseudoAlgorithm(name)) && Array.IndexOf(serverList, name) >= 0)
            {
                return name;
            }
        }

        throw new SshProtocolException(
            DisconnectReason.KeyExchangeFailed,
            $"no matching {what} algorithm: client offers {string.Join(',', clientList)}; server offers {string.Join(',', serverList)}");
    }
}
