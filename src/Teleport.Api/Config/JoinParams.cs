namespace Teleport.Api.Config;

/// <summary>
/// <c>teleport.join_params</c>: how this process joins the cluster the first time it starts
/// (afterwards its identity in <c>data_dir</c> is used). Only the <c>token</c> method is
/// implemented; a token name starting with <c>/</c> is a file that holds the token, as in Teleport.
/// </summary>
public sealed record JoinParams
{
    /// <summary><c>token_name</c>: the join token (<c>tctl tokens add</c> prints one).</summary>
    public required string TokenName { get; init; }

    /// <summary><c>method</c>: <c>token</c>.</summary>
    public string Method { get; init; } = Types.JoinMethods.Token;
}
