namespace Teleport.Ssh.Connection;

/// <summary>The answer to a global request: success with optional data (such as a bound port), or failure.</summary>
public sealed record GlobalRequestReply(bool Success, ReadOnlyMemory<byte> Data)
{
    public static GlobalRequestReply Failure { get; } = new(false, ReadOnlyMemory<byte>.Empty);

    public static GlobalRequestReply Succeeded { get; } = new(true, ReadOnlyMemory<byte>.Empty);
}
