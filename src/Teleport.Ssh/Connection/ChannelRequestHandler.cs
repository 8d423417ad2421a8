namespace Teleport.Ssh.Connection;

/// <summary>
/// Decides a channel request; true for success. Requests of one channel are handled one at a time
/// in arrival order, away from the connection's receive loop, so a handler may take its time. The
/// reply goes out before a CLOSE asked for meanwhile, so a handler must not wait for its own
/// channel to complete.
/// </summary>
public delegate ValueTask<bool> ChannelRequestHandler(SshChannelRequest request, CancellationToken cancellationToken);
