using System.Buffers.Binary;
using System.Text;
using Teleport.Ssh.Agent;
using Teleport.Ssh.Keys;
using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Tests.Agent;

/// <summary>Builds raw agent request bodies (message number first, no length), for hostile and fuzz tests.</summary>
internal static class AgentMessages
{
    public const byte RequestIdentities = 11;
    public const byte SignRequest = 13;
    public const byte AddIdentity = 17;
    public const byte RemoveIdentity = 18;
    public const byte RemoveAllIdentities = 19;
    public const byte Lock = 22;
    public const byte AddIdConstrained = 25;
    public const byte Extension = 27;
    public const byte Failure = 5;
    public const byte Success = 6;

    public static byte[] Build(byte number, Action<SshWriter> body)
    {
        using var writer = new SshWriter();
        writer.WriteByte(number);
        body(writer);
        return writer.ToArray();
    }

    public static byte[] Add(SshPrivateKey key, SshCertificate? certificate = null, string comment = "comment", Action<SshWriter>? constraints = null) =>
        Build(constraints is null ? AddIdentity : AddIdConstrained, w =>
        {
            AgentKeyEncoding.Write(w, key, certificate);
            w.WriteString(comment);
            constraints?.Invoke(w);
        });

    public static byte[] Sign(SshPublicKey key, byte[] data, SshAgentSignFlags flags = SshAgentSignFlags.None) =>
        Build(SignRequest, w =>
        {
            w.WriteString(key.Blob);
            w.WriteString(data);
            w.WriteUInt32((uint)flags);
        });

    public static byte[] Remove(SshPublicKey key) => Build(RemoveIdentity, w => w.WriteString(key.Blob));

    public static byte[] SessionBind() => Build(Extension, w =>
    {
        w.WriteString("session-bind@openssh.com");
        w.WriteString(AgentTestKeys.Authority.PublicKey.Blob);
        w.WriteString(new byte[32]);
        w.WriteString(AgentTestKeys.Authority.Sign(AlgorithmNames.Ed25519, new byte[32]));
        w.WriteBoolean(false);
    });

    /// <summary>A message with its uint32 length in front, as it travels on a stream.</summary>
    public static byte[] Frame(byte[] message)
    {
        byte[] framed = new byte[message.Length + 4];
        BinaryPrimitives.WriteUInt32BigEndian(framed, (uint)message.Length);
        message.CopyTo(framed, 4);
        return framed;
    }

    /// <summary>An ssh-add style private key of a type or size we refuse, hand-encoded.</summary>
    public static byte[] AddRaw(string keyType, params byte[][] mpints) => Build(AddIdentity, w =>
    {
        w.WriteString(keyType);
        foreach (byte[] value in mpints)
        {
            w.WriteMpint(value);
        }

        w.WriteString(Encoding.UTF8.GetBytes("raw"));
    });
}
