using Teleport.Ssh.Connection;
using Teleport.Ssh.Connection.Session;

namespace Teleport.Ssh.Tests.Hostile;

/// <summary>
/// A request's reply is never lost to the CLOSE that the work it started sends: a command that
/// ends at once (the hostile tests' "echo ok") must not make a good client's exec fail with
/// "channel closed". RFC 4254 §5.4 wants every request with want_reply answered, and §5.3 allows
/// nothing after our CLOSE, so the reply goes first.
/// </summary>
public sealed class ChannelRequestReplyTests
{
    [Theory]
    [InlineData("closed by the handler itself")]
    [InlineData("closed by work the handler started, before it returned")]
    public async Task An_exec_whose_work_closes_the_channel_at_once_still_gets_its_reply(string how)
    {
        await using var server = new InProcessServer((open, _) =>
        {
            open.Accept(async (request, _) =>
            {
                if (how.StartsWith("closed by work", StringComparison.Ordinal))
                {
                    await Task.Run(() =>
                    {
                        request.Channel.SendExitStatus(0);
                        request.Channel.Close();
                    });
                }
                else
                {
                    request.Channel.SendExitStatus(0);
                    request.Channel.Close();
                }

                return true;
            });
            return Task.CompletedTask;
        });

        await using SshConnection connection = await server.ConnectAsync();
        for (int i = 0; i < 20; i++)
        {
            await using SshSession session = await connection.OpenSessionAsync();
            await session.ExecAsync("true");
            Assert.Equal(0, (await session.Exit.WaitAsync(RawSshPeer.Deadline)).ExitCode);
            await session.Channel.Completion.WaitAsync(RawSshPeer.Deadline);
        }

        Assert.Null(connection.CloseReason);
    }
}
