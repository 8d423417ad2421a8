namespace Teleport.Client.WebApi;

/// <summary>The human readable part of <see cref="WebError"/>.</summary>
public sealed record WebErrorDetail(string? Message);
