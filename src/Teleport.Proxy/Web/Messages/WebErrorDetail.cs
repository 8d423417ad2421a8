namespace Teleport.Proxy.Web.Messages;

/// <summary>The error's message, written for the user; never a secret or a stack trace.</summary>
public sealed record WebErrorDetail(string Message);
