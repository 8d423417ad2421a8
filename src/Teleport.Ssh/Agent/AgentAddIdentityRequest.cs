using System.Text;
using Teleport.Ssh.Keys;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Agent;

/// <summary>
/// SSH_AGENTC_ADD_IDENTITY and SSH_AGENTC_ADD_ID_CONSTRAINED (draft-miller-ssh-agent, "Adding keys to the agent"): the key
/// (see <see cref="AgentKeyEncoding"/>), <c>string</c> comment, and for the constrained form a list
/// of constraints running to the end of the message, each a constraint byte and its data. Owns the
/// key it read until <see cref="TakeKey"/>.
/// </summary>
internal sealed class AgentAddIdentityRequest : IDisposable
{
    private SshPrivateKey? _key;

    private AgentAddIdentityRequest(SshPrivateKey key, SshCertificate? certificate)
    {
        _key = key;
        Certificate = certificate;
    }

    public SshCertificate? Certificate { get; }

    /// <summary>The identity the agent lists: the certificate when there is one, else the public key.</summary>
    public SshPublicKey Identity => Certificate ?? _key!.PublicKey;

    public string Comment { get; private set; } = string.Empty;

    /// <summary>SSH_AGENT_CONSTRAIN_LIFETIME in seconds, when given.</summary>
    public uint? LifetimeSeconds { get; private set; }

    /// <summary>SSH_AGENT_CONSTRAIN_CONFIRM was given.</summary>
    public bool Confirm { get; private set; }

    public static void Write(SshWriter writer, SshPrivateKey key, SshCertificate? certificate, string comment, uint? lifetimeSeconds, bool confirm)
    {
        AgentKeyEncoding.Write(writer, key, certificate);
        writer.WriteString(comment);
        if (lifetimeSeconds is { } seconds)
        {
            writer.WriteByte((byte)AgentConstraintType.Lifetime);
            writer.WriteUInt32(seconds);
        }

        if (confirm)
        {
            writer.WriteByte((byte)AgentConstraintType.Confirm);
        }
    }

    /// <summary>
    /// Reads the body after the message number. Throws <see cref="SshProtocolException"/> when it is
    /// malformed; returns false with a reason when it is well formed but must be refused (see
    /// <see cref="AgentKeyEncoding.TryRead"/>; also unknown or repeated constraints, since a
    /// constraint the agent cannot enforce must never be silently dropped).
    /// </summary>
    public static bool TryRead(ref SshReader reader, bool constrained, out AgentAddIdentityRequest? request, out string? refusal)
    {
        request = null;
        if (!AgentKeyEncoding.TryRead(ref reader, out SshPrivateKey? key, out SshCertificate? certificate, out refusal))
        {
            return false;
        }

        var read = new AgentAddIdentityRequest(key!, certificate);
        try
        {
            read.Comment = ReadComment(ref reader);
            if (!constrained)
            {
                reader.EnsureAtEnd("SSH_AGENTC_ADD_IDENTITY");
            }

            while (!reader.IsAtEnd)
            {
                refusal = read.ReadConstraint(ref reader);
                if (refusal is not null)
                {
                    read.Dispose();
                    return false;
                }
            }

            request = read;
            return true;
        }
        catch
        {
            read.Dispose();
            throw;
        }
    }

    /// <summary>Hands the key over to the caller, who then owns it.</summary>
    public SshPrivateKey TakeKey() => Interlocked.Exchange(ref _key, null) ?? throw new InvalidOperationException("the key was already taken");

    public void Dispose() => Interlocked.Exchange(ref _key, null)?.Dispose();

    private string? ReadConstraint(ref SshReader reader)
    {
        var type = (AgentConstraintType)reader.ReadByte();
        switch (type)
        {
            case AgentConstraintType.Lifetime when LifetimeSeconds is null:
                LifetimeSeconds = reader.ReadUInt32();
                return null;

            case AgentConstraintType.Confirm when !Confirm:
                Confirm = true;
                return null;

            case AgentConstraintType.Lifetime or AgentConstraintType.Confirm:
                return $"constraint {type} given twice";

            case AgentConstraintType.Extension:
                return $"unsupported constraint extension {Printable(reader.ReadString())}";

            default:
                return $"unsupported constraint {(byte)type}";
        }
    }

    /// <summary>
    /// Comments are free text chosen by the client (OpenSSH puts the key file's path there), not
    /// protocol: invalid UTF-8 is replaced rather than refused.
    /// </summary>
    private static string ReadComment(ref SshReader reader) => Encoding.UTF8.GetString(reader.ReadString());

    private static string Printable(ReadOnlySpan<byte> name) =>
        name.Length <= 64 && !name.ContainsAnyExceptInRange((byte)0x21, (byte)0x7e) ? Encoding.ASCII.GetString(name) : "(unprintable)";
}
