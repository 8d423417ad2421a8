namespace Teleport.Api.Types;

/// <summary>Checks shared by the resources' <c>Validate</c> methods.</summary>
internal static class ResourceChecks
{
    public static void CheckVersion(string version, params ReadOnlySpan<string> supported)
    {
        foreach (string candidate in supported)
        {
            if (version == candidate)
            {
                return;
            }
        }

        string list = string.Join(", ", supported.ToArray());
        throw new ResourceValidationException("version", string.IsNullOrEmpty(version)
            ? $"a version is required (supported: {list})"
            : $"version \"{version}\" is not supported (supported: {list})");
    }

    public static void CheckOneOf(string path, string? value, params ReadOnlySpan<string> allowed)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        foreach (string candidate in allowed)
        {
            if (value == candidate)
            {
                return;
            }
        }

        throw new ResourceValidationException(path, $"\"{value}\" is not one of {string.Join(", ", allowed.ToArray())}");
    }

    public static void CheckNotEmpty(string path, ValueList<string> values, string what)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]))
            {
                throw new ResourceValidationException($"{path}[{i}]", $"{what} must not be empty");
            }
        }
    }
}
