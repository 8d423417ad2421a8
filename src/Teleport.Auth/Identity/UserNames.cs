namespace Teleport.Auth.Identity;

/// <summary>What a user name may contain: it becomes part of backend keys and certificate key ids.</summary>
public static class UserNames
{
    public const int MaxLength = 255;

    public static void Validate(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength)
        {
            throw AuthException.BadParameter($"a user name must be 1 to {MaxLength} characters");
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '+'))
            {
                throw AuthException.BadParameter($"user name \"{name}\" may only hold letters, digits and . _ - @ +");
            }
        }
    }
}
