namespace Teleport.Proxy.Web.Messages;

/// <summary>The ping's <c>auth</c>: local users, and the second factor they need (<c>otp</c>, <c>on</c>, <c>off</c>).</summary>
public sealed record WebAuthSettings(string Type, string SecondFactor, WebLocalAuth Local);
