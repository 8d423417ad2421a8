namespace Teleport.Srv.Sessions;

/// <summary>Teleport's <c>sftp</c> audit event codes, one per action (TS001I open ... TS019I link; E for failures).</summary>
internal static class SftpCodes
{
    private static readonly string[] Actions =
    [
        "open", "close", "read", "write", "lstat", "fstat", "setstat", "fsetstat", "opendir", "readdir",
        "remove", "mkdir", "rmdir", "realpath", "stat", "rename", "readlink", "symlink", "link",
    ];

    public static string For(string action, bool success)
    {
        int index = Array.IndexOf(Actions, action);
        string number = index < 0 ? "000" : (index + 1).ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        return $"TS{number}{(success ? 'I' : 'E')}";
    }
}
