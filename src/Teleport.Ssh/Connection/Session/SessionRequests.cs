using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Connection.Session;

/// <summary>Parsing and sending of the simple session requests (RFC 4254 §6).</summary>
public static class SessionRequests
{
    /// <summary>The single string of env (name and value), exec (command), subsystem (name) and signal (name).</summary>
    public static string ReadString(ReadOnlySpan<byte> data, int maxBytes = 64 * 1024)
    {
        var reader = new SshReader(data);
        return reader.ReadUtf8(maxBytes);
    }

    /// <summary>env: name and value (RFC 4254 §6.4).</summary>
    public static (string Name, string Value) ReadEnv(ReadOnlySpan<byte> data)
    {
        var reader = new SshReader(data);
        return (reader.ReadUtf8(1024), reader.ReadUtf8(64 * 1024));
    }

    /// <summary>Sends exit-status (RFC 4254 §6.10); the caller closes the channel afterwards.</summary>
    public static void SendExitStatus(this SshChannel channel, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _ = channel.SendRequestAsync(SessionRequestTypes.ExitStatus, wantReply: false, w => w.WriteUInt32((uint)exitCode));
    }

    /// <summary>Sends exit-signal with the signal name without "SIG", such as TERM (RFC 4254 §6.10).</summary>
    public static void SendExitSignal(this SshChannel channel, string signal, bool coreDumped, string errorMessage = "")
    {
        ArgumentNullException.ThrowIfNull(channel);
        _ = channel.SendRequestAsync(SessionRequestTypes.ExitSignal, wantReply: false, w =>
        {
            w.WriteString(signal);
            w.WriteBoolean(coreDumped);
            w.WriteString(errorMessage);
            w.WriteString(string.Empty);
        });
    }

    internal static SessionExit ReadExitSignal(ReadOnlySpan<byte> data)
    {
        var reader = new SshReader(data);
        string signal = reader.ReadUtf8(64);
        bool core = reader.ReadBoolean();
        string message = reader.ReadUtf8(4096);
        return new SessionExit(null, signal, core, message);
    }
}
