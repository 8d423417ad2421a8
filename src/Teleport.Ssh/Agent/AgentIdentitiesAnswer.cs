using System.Text;
using Teleport.Ssh.Keys;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Agent;

/// <summary>
/// SSH_AGENT_IDENTITIES_ANSWER (draft-miller-ssh-agent, "Requesting a list of keys"): <c>uint32</c> nkeys, then per key
/// <c>string</c> key blob and <c>string</c> comment.
/// </summary>
internal static class AgentIdentitiesAnswer
{
    /// <summary>The smallest encoding of one key: two empty strings. Bounds nkeys by the bytes present.</summary>
    private const int MinEntrySize = 8;

    public static void Write(SshWriter writer, IReadOnlyCollection<SshAgentIdentity> identities)
    {
        writer.WriteUInt32((uint)identities.Count);
        foreach (SshAgentIdentity identity in identities)
        {
            writer.WriteString(identity.PublicKey.Blob);
            writer.WriteString(identity.Comment);
        }
    }

    /// <summary>
    /// Reads the body after the message number. Keys of types this library cannot parse (DSA,
    /// security keys, future types) are skipped, not fatal: another program's keys in a shared
    /// agent must not stop ours from being listed. A malformed list throws <see cref="SshProtocolException"/>.
    /// </summary>
    public static List<SshAgentIdentity> Read(ref SshReader reader)
    {
        uint count = reader.ReadUInt32();
        if (count > (uint)(reader.Remaining / MinEntrySize))
        {
            throw new SshProtocolException($"identities answer announces {count} keys in {reader.Remaining} bytes");
        }

        var identities = new List<SshAgentIdentity>((int)count);
        for (uint i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> blob = reader.ReadString();
            string comment = Encoding.UTF8.GetString(reader.ReadString());
            SshPublicKey key;
            try
            {
                key = SshPublicKey.Parse(blob);
            }
            catch (SshProtocolException)
            {
                continue;
            }

            identities.Add(new SshAgentIdentity(key, comment));
        }

        reader.EnsureAtEnd("SSH_AGENT_IDENTITIES_ANSWER");
        return identities;
    }
}
