namespace Teleport.Api.Types;

/// <summary>
/// An extension a role adds to users' SSH certificates (<c>options.cert_extensions</c>):
/// <c>type: ssh</c>, <c>mode: extension</c>, a <c>name</c> and a <c>value</c> that may be a trait
/// template.
/// </summary>
public sealed record CertExtension
{
    public string Type { get; init; } = "ssh";

    public string Mode { get; init; } = "extension";

    public string Name { get; init; } = string.Empty;

    public string Value { get; init; } = string.Empty;

    internal void Validate(string path)
    {
        ResourceChecks.CheckOneOf($"{path}.type", Type, "ssh");
        ResourceChecks.CheckOneOf($"{path}.mode", Mode, "extension");
        if (string.IsNullOrEmpty(Name))
        {
            throw new ResourceValidationException($"{path}.name", "an extension name is required");
        }
    }
}
