using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Teleport.Ssh.Agent;

/// <summary>
/// The user at the other end of a Unix socket (Linux SO_PEERCRED). OpenSSH's ssh-agent refuses
/// peers that are neither root nor its own user (ssh-agent.c, after getpeereid), a check that
/// holds even if the socket's mode were loosened.
/// </summary>
internal static partial class UnixPeerCredentials
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>True when the peer is root or our effective user; true where the platform cannot tell (the socket's 0600 mode still guards it).</summary>
    public static bool IsSameUserOrRoot(Socket connection)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        // struct ucred { pid_t pid; uid_t uid; gid_t gid; } in host byte order.
        Span<byte> credentials = stackalloc byte[12];
        try
        {
            if (connection.GetRawSocketOption(SolSocket, SoPeerCred, credentials) < 12)
            {
                return false;
            }
        }
        catch (SocketException)
        {
            return false;
        }

        uint peerUid = BitConverter.IsLittleEndian
            ? BinaryPrimitives.ReadUInt32LittleEndian(credentials[4..])
            : BinaryPrimitives.ReadUInt32BigEndian(credentials[4..]);
        return peerUid == 0 || peerUid == GetEffectiveUserId();
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}
