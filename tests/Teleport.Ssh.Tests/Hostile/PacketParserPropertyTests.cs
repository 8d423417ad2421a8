using Teleport.Ssh.Auth;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Connection.Session;
using Teleport.Ssh.Messages.Transport;
using Teleport.Ssh.Tests.Keys;
using Teleport.Ssh.Transport;
using Teleport.Ssh.Wire;
using Xunit.Abstractions;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>
/// 100 000 damaged inputs per packet-level parser (seeded mutations of real payloads: bit flips,
/// truncation, length fields made huge or off by one): each parses or throws
/// <see cref="SshProtocolException"/>, nothing else, and allocates in proportion to its input, never
/// to a length field the input does not back.
/// </summary>
[Collection(ParserPropertyCollection.Name)]
public sealed class PacketParserPropertyTests(ITestOutputHelper output)
{
    private const int Iterations = 100_000;

    private static readonly KexInitMessage ServerKexInit = ParserSeedPayloads.ServerKexInit;

    public static TheoryData<string> Parsers() => [.. Cases.Keys];

    private static Dictionary<string, (byte[][] Seeds, Action<byte[]> Parse)> Cases { get; } = new()
    {
        ["KEXINIT and negotiation"] = (ParserSeedPayloads.KexInits(), payload =>
        {
            KexInitMessage client = KexInitMessage.Read(payload);
            AlgorithmNegotiation.Negotiate(client, ServerKexInit);
        }),
        ["name-list"] = (ParserSeedPayloads.NameLists(), bytes => NameList.Decode(bytes)),
        ["DISCONNECT"] = (ParserSeedPayloads.Disconnects(), payload => DisconnectMessage.Read(payload)),
        ["EXT_INFO"] = (ParserSeedPayloads.ExtInfos(), payload => ExtInfoMessage.Read(payload)),
        ["SERVICE_REQUEST"] = (ParserSeedPayloads.ServiceRequests(), payload => ServiceMessage.Read(payload)),
        ["USERAUTH_REQUEST and method fields"] = (ParserSeedPayloads.UserAuthRequests(), ParseUserAuthRequest),
        ["USERAUTH_FAILURE and SUCCESS"] = (ParserSeedPayloads.UserAuthOutcomes(), payload => ClientAuthentication.ReadOutcome(payload)),
        ["pty-req"] = (ParserSeedPayloads.PtyRequests(), data => PtyRequest.Parse(data)),
        ["direct-tcpip and forwarded-tcpip"] = (ParserSeedPayloads.TcpIpInfos(), data => TcpIpChannelInfo.Read(data)),
        ["env"] = (ParserSeedPayloads.EnvData(), data => SessionRequests.ReadEnv(data)),
        ["exec, subsystem and signal"] = (ParserSeedPayloads.StringData(), data => SessionRequests.ReadString(data)),
        ["window-change"] = (ParserSeedPayloads.WindowChangeData(), data => WindowChange.Parse(data)),
        ["exit-signal"] = (ParserSeedPayloads.ExitSignalData(), data => SessionRequests.ReadExitSignal(data)),
    };

    [Theory]
    [MemberData(nameof(Parsers))]
    public void Damaged_input_parses_or_throws_SshProtocolException_with_bounded_allocation(string parser)
    {
        (byte[][] seeds, Action<byte[]> parse) = Cases[parser];
        foreach (byte[] seed in seeds)
        {
            parse(seed); // the seeds are valid, and this warms up what the first parse allocates once
        }

        var mutator = new Mutator(seed: parser.Length * 7919);
        PropertyRunner.Run(output, Iterations, () => mutator.Mutate(mutator.Pick(seeds)), input =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                parse(input);
            }
            catch (SshProtocolException)
            {
            }

            // Strings cost two bytes a character plus headers, arrays a pointer per element, an
            // exception a few KB: a parser that trusts a length field allocates megabytes.
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated <= (64 * input.Length) + (64 * 1024), $"{allocated} bytes allocated for {input.Length} bytes of input");
        });
    }

    private static void ParseUserAuthRequest(byte[] payload)
    {
        UserAuthRequest request = UserAuthRequest.Read(payload);
        switch (request.Method)
        {
            case AuthMethodNames.Password:
                PasswordRequest.Read(payload, request.MethodDataOffset);
                break;
            case AuthMethodNames.PublicKey:
                PublicKeyRequest.Read(payload, request.MethodDataOffset);
                break;
        }
    }
}
