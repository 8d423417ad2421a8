using System.Buffers.Binary;
using System.Diagnostics;
using Teleport.Ssh.Connection;
using Teleport.Ssh.Connection.Session;
using Teleport.Ssh.Tests.Keys;
using Teleport.Ssh.Wire;
using Xunit.Abstractions;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>
/// Damaged connection-protocol messages (RFC 4254) from a logged-in client, dispatched by a real
/// server whose handlers parse what they are given: each message is either handled (a probe
/// afterwards still gets its answer) or ends the connection with the server's DISCONNECT. Never a
/// hang, never an exception escaping the library, and the server keeps serving.
/// </summary>
[Collection(ParserPropertyCollection.Name)]
public sealed class ConnectionDispatchPropertyTests(ITestOutputHelper output)
{
    private const int Cases = 2_000;
    private const uint ProbeBase = 0x7000_0000;

    [Fact]
    public async Task Damaged_connection_messages_are_handled_or_end_in_a_disconnect()
    {
        await using var server = new InProcessServer(OpenChannelAsync, (request, _) =>
        {
            if (request.Name == "tcpip-forward")
            {
                var reader = new SshDataReader(request.Data.Span);
                reader.ReadString(1024);
                reader.ReadUInt32();
            }

            return ValueTask.FromResult(GlobalRequestReply.Failure);
        });

        var mutator = new Mutator(seed: 4254);
        var outcomes = new Dictionary<string, int>();
        var stopwatch = Stopwatch.StartNew();
        LibraryClientTransport? client = null;
        uint sessionChannel = 0;
        try
        {
            for (int i = 0; i < Cases; i++)
            {
                if (client is null)
                {
                    (client, sessionChannel) = await LogInAsync(server);
                }

                byte[] payload = mutator.Mutate(mutator.Pick(Seeds(sessionChannel)));
                if (payload is [] or [(byte)MessageNumber.KexInit or (byte)MessageNumber.NewKeys, ..])
                {
                    // The library's own send loop acts on these (it would hold or re-key); the transport property covers them.
                    continue;
                }

                client.Send(payload);
                uint probe = ProbeBase + (uint)i;
                client.Send(HostileMessages.ChannelOpen("probe@hostile.test", probe));
                string outcome;
                try
                {
                    outcome = await AwaitProbeAsync(client, probe);
                }
                catch (SshConnectionException e)
                {
                    bool serverSaidWhy = e.Message.StartsWith("disconnected by peer", StringComparison.Ordinal);
                    Assert.True(serverSaidWhy || payload[0] == (byte)MessageNumber.Disconnect, $"case {i}: the server closed without a DISCONNECT ({e.Message})\npayload: {Convert.ToHexString(payload)}");
                    outcome = serverSaidWhy ? $"disconnect {e.Reason}" : "closed after our DISCONNECT";
                    await client.DisposeAsync();
                    client = null;
                }
                catch (OperationCanceledException)
                {
                    Assert.Fail($"case {i}: neither an answer to the probe nor a disconnect\npayload: {Convert.ToHexString(payload)}");
                    throw;
                }

                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }
        finally
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
        }

        output.WriteLine($"{Cases} cases in {stopwatch.Elapsed.TotalSeconds:F1} s: {string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}");

        // The server still serves a well-behaved client, and nothing escaped.
        await using (SshConnection connection = await server.ConnectAsync())
        {
            await using SshSession session = await connection.OpenSessionAsync();
            await session.ExecAsync("true");
        }

        EscapedExceptionMonitor.Instance.AssertNoneEscaped();
    }

    /// <summary>Logs in with "none" and opens a session; returns the client and the server's number for the session.</summary>
    private static async Task<(LibraryClientTransport Client, uint SessionChannel)> LogInAsync(InProcessServer server)
    {
        LibraryClientTransport client = await LibraryClientTransport.ConnectAsync(server.EndPoint, server.HostKey.PublicKey);
        client.Send(HostileMessages.ServiceRequest("ssh-userauth"));
        Assert.Equal((byte)MessageNumber.ServiceAccept, (await client.ReceiveAsync())[0]);
        client.Send(HostileMessages.UserAuthNone("fuzz"));
        Assert.Equal((byte)MessageNumber.UserAuthSuccess, (await client.ReceiveAsync())[0]);
        client.Send(HostileMessages.ChannelOpen("session", 0));
        byte[] confirmation = await client.ReceiveAsync();
        Assert.Equal((byte)MessageNumber.ChannelOpenConfirmation, confirmation[0]);
        return (client, BinaryPrimitives.ReadUInt32BigEndian(confirmation.AsSpan(5)));
    }

    /// <summary>Reads until the server refuses the probe channel (it refuses every unknown type); other messages are skipped.</summary>
    private static async Task<string> AwaitProbeAsync(LibraryClientTransport client, uint probe)
    {
        while (true)
        {
            byte[] message = await client.ReceiveAsync();
            if (message is [(byte)MessageNumber.ChannelOpenFailure, ..] && BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(1)) == probe)
            {
                return "handled";
            }
        }
    }

    /// <summary>Valid messages a client sends once logged in, weighted; <paramref name="session"/> is the server's number for the open session.</summary>
    private static (byte[] Payload, int Weight)[] Seeds(uint session) =>
    [
        (HostileMessages.ChannelOpen("session", 1), 2),
        (HostileMessages.ChannelOpen("direct-tcpip", 2, extra: w =>
        {
            w.WriteString("db.example.com");
            w.WriteUInt32(5432);
            w.WriteString("127.0.0.1");
            w.WriteUInt32(40000);
        }), 2),
        (HostileMessages.ChannelOpen("x11", 3, extra: w =>
        {
            w.WriteString("127.0.0.1");
            w.WriteUInt32(6010);
        }), 1),
        (HostileMessages.ChannelRequest(session, "pty-req", wantReply: true, w =>
        {
            w.WriteString("xterm");
            w.WriteUInt32(80);
            w.WriteUInt32(24);
            w.WriteUInt32(0);
            w.WriteUInt32(0);
            w.WriteString([1, 0, 0, 0, 3, 53, 0, 0, 0, 1, 0]);
        }), 3),
        (HostileMessages.ChannelRequest(session, "env", wantReply: true, w =>
        {
            w.WriteString("LANG");
            w.WriteString("C.UTF-8");
        }), 2),
        (HostileMessages.ChannelRequest(session, "exec", wantReply: true, w => w.WriteString("uptime")), 2),
        (HostileMessages.ChannelRequest(session, "window-change", wantReply: false, w =>
        {
            w.WriteUInt32(100);
            w.WriteUInt32(30);
            w.WriteUInt32(0);
            w.WriteUInt32(0);
        }), 2),
        (HostileMessages.ChannelRequest(session, "signal", wantReply: false, w => w.WriteString("INT")), 1),
        (HostileMessages.ChannelRequest(session, "x11-req", wantReply: true, w =>
        {
            w.WriteBoolean(false);
            w.WriteString("MIT-MAGIC-COOKIE-1");
            w.WriteString("00112233");
            w.WriteUInt32(0);
        }), 1),
        (HostileMessages.ChannelData(session, "hello\n"u8), 3),
        (HostileMessages.Build(MessageNumber.ChannelExtendedData, w =>
        {
            w.WriteUInt32(session);
            w.WriteUInt32(1);
            w.WriteString("stderr");
        }), 1),
        (HostileMessages.Build(MessageNumber.ChannelWindowAdjust, w =>
        {
            w.WriteUInt32(session);
            w.WriteUInt32(65536);
        }), 2),
        (HostileMessages.Build(MessageNumber.ChannelEof, w => w.WriteUInt32(session)), 1),
        (HostileMessages.Build(MessageNumber.ChannelClose, w => w.WriteUInt32(session)), 1),
        (HostileMessages.Build(MessageNumber.ChannelSuccess, w => w.WriteUInt32(session)), 1),
        (HostileMessages.GlobalRequest("tcpip-forward", wantReply: true, w =>
        {
            w.WriteString("localhost");
            w.WriteUInt32(8080);
        }), 2),
        (HostileMessages.GlobalRequest("keepalive@openssh.com", wantReply: true), 1),
        (HostileMessages.GlobalRequest("no-more-sessions@openssh.com", wantReply: false), 1),
        (HostileMessages.Build(MessageNumber.RequestFailure), 1),
        (HostileMessages.Build(MessageNumber.Ignore, w => w.WriteString("padding")), 1),
        ([200, 0, 0, 0, 1], 1),
    ];

    /// <summary>Sessions accept every request they can parse (and run nothing); direct-tcpip is parsed, then refused.</summary>
    private static Task OpenChannelAsync(ChannelOpenRequest open, CancellationToken cancellationToken)
    {
        switch (open.ChannelType)
        {
            case ChannelTypes.Session:
                open.Accept(static (request, _) =>
                {
                    ReadOnlySpan<byte> data = request.Data.Span;
                    switch (request.RequestType)
                    {
                        case SessionRequestTypes.PtyRequest:
                            PtyRequest.Parse(data);
                            break;
                        case SessionRequestTypes.Env:
                            SessionRequests.ReadEnv(data);
                            break;
                        case SessionRequestTypes.Exec or SessionRequestTypes.Subsystem or SessionRequestTypes.Signal:
                            SessionRequests.ReadString(data);
                            break;
                        case SessionRequestTypes.WindowChange:
                            WindowChange.Parse(data);
                            break;
                        default:
                            return ValueTask.FromResult(false);
                    }

                    return ValueTask.FromResult(true);
                });
                break;
            case ChannelTypes.DirectTcpIp:
                _ = open.ReadTcpIpInfo();
                open.Reject(ChannelOpenFailureReason.AdministrativelyProhibited, "no forwarding in this test");
                break;
            default:
                open.Reject(ChannelOpenFailureReason.UnknownChannelType, $"{open.ChannelType} is not supported");
                break;
        }

        return Task.CompletedTask;
    }
}
