using Teleport.Ssh.Wire;

namespace Teleport.Ssh.Auth;

/// <summary>"keyboard-interactive" (RFC 4256): each round of prompts goes to <c>answer</c>.</summary>
public sealed class KeyboardInteractiveAuthMethod : SshClientAuthMethod
{
    private const int MaxPrompts = 32;
    private readonly Func<string, string, IReadOnlyList<KeyboardInteractivePrompt>, CancellationToken, ValueTask<IReadOnlyList<string>>> _answer;

    /// <summary>Answers each round of prompts with <paramref name="answer"/>.</summary>
    /// <param name="answer">Given the request's name, instruction and prompts, returns one answer per prompt.</param>
    public KeyboardInteractiveAuthMethod(Func<string, string, IReadOnlyList<KeyboardInteractivePrompt>, CancellationToken, ValueTask<IReadOnlyList<string>>> answer) =>
        _answer = answer ?? throw new ArgumentNullException(nameof(answer));

    public override string Name => AuthMethodNames.KeyboardInteractive;

    internal override async ValueTask<ClientAuthOutcome> RunAsync(ClientAuthentication authentication, CancellationToken cancellationToken)
    {
        SshWriter request = SshWriter.ForPacket(MessageNumber.UserAuthRequest, 128);
        authentication.WriteRequestHeader(request, Name);
        request.WriteString(string.Empty); // language tag
        request.WriteString(string.Empty); // submethods
        authentication.Send(request);
        while (true)
        {
            ReadOnlyMemory<byte> payload = await authentication.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if ((MessageNumber)payload.Span[0] != MessageNumber.UserAuthInfoRequest)
            {
                return ClientAuthentication.ReadOutcome(payload.Span);
            }

            (string name, string instruction, KeyboardInteractivePrompt[] prompts) = ReadInfoRequest(payload.Span);
            IReadOnlyList<string> answers = await _answer(name, instruction, prompts, cancellationToken).ConfigureAwait(false);
            if (answers.Count != prompts.Length)
            {
                throw new InvalidOperationException($"{answers.Count} answers for {prompts.Length} prompts");
            }

            SshWriter response = SshWriter.ForPacket(MessageNumber.UserAuthInfoResponse, 64);
            response.WriteUInt32((uint)answers.Count);
            foreach (string answer in answers)
            {
                response.WriteString(answer);
            }

            authentication.Send(response);
        }
    }

    private static (string Name, string Instruction, KeyboardInteractivePrompt[] Prompts) ReadInfoRequest(ReadOnlySpan<byte> payload)
    {
        var reader = new SshReader(payload);
        reader.ReadMessageNumber();
        string name = reader.ReadUtf8(1024);
        string instruction = reader.ReadUtf8(4096);
        reader.ReadString(); // language tag
        uint count = reader.ReadUInt32();
        if (count > MaxPrompts)
        {
            throw new SshProtocolException($"keyboard-interactive request with {count} prompts exceeds the limit of {MaxPrompts}");
        }

        var prompts = new KeyboardInteractivePrompt[count];
        for (int i = 0; i < prompts.Length; i++)
        {
            prompts[i] = new KeyboardInteractivePrompt(reader.ReadUtf8(1024), reader.ReadBoolean());
        }

        return (name, instruction, prompts);
    }
}
