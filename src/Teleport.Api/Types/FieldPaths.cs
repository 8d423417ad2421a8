namespace Teleport.Api.Types;

/// <summary>How field paths in validation messages name map keys: <c>.env</c>, or <c>["*"]</c> for keys that are not plain words.</summary>
internal static class FieldPaths
{
    public static string Key(string key)
    {
        bool plain = key.Length > 0;
        foreach (char c in key)
        {
            plain &= char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
        }

        return plain ? "." + key : "[\"" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"]";
    }
}
