namespace Teleport.Backend.Sqlite;

/// <summary>
/// Creates the database's directory and file with owner-only modes before SQLite opens them (it
/// would create the file with 0644 less the umask), and holds the lock that keeps a second
/// process away.
/// </summary>
internal static class SqliteFiles
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupAndOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Makes sure <paramref name="databasePath"/> exists with mode 0600 in a directory created 0700
    /// when missing, like any missing parent (an existing directory is left as it is: it may be shared, like /tmp). Returns
    /// the lock: an exclusive <c>flock</c> on <c>sqlite.db.lock</c>, held while the backend is open.
    /// </summary>
    public static FileStream Prepare(string databasePath)
    {
        // Directory.CreateDirectory(path, mode) gives the mode to the last directory only; every
        // directory created here (<data_dir> too, when missing) is private.
        var missing = new Stack<string>();
        for (string? directory = Path.GetDirectoryName(databasePath); directory is not null && !Directory.Exists(directory); directory = Path.GetDirectoryName(directory))
        {
            missing.Push(directory);
        }

        while (missing.TryPop(out string? directory))
        {
            Directory.CreateDirectory(directory, DirectoryMode);
        }

        FileStream lockFile = OpenPrivate(databasePath + ".lock", FileShare.None, databasePath);
        try
        {
            OpenPrivate(databasePath, FileShare.ReadWrite, databasePath).Dispose();

            // SQLite gives -wal and -shm the main file's mode; tighten any left by an older run.
            foreach (string companion in new[] { databasePath + "-wal", databasePath + "-shm" })
            {
                if (File.Exists(companion))
                {
                    Tighten(companion);
                }
            }
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }

        return lockFile;
    }

    private static FileStream OpenPrivate(string path, FileShare share, string databasePath)
    {
        FileStream stream;
        try
        {
            // On Unix FileShare.None takes flock(LOCK_EX | LOCK_NB): released by the kernel when the
            // process dies, even by kill -9, so a crash never leaves the database locked.
            stream = new FileStream(path, new FileStreamOptions
            {
                Mode = System.IO.FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = share,
                UnixCreateMode = FileMode,
            });
        }
        catch (IOException e) when (share == FileShare.None)
        {
            throw new BackendException($"the SQLite backend {databasePath} is in use by another process (or another backend in this one): {e.Message}", innerException: e);
        }

        try
        {
            Tighten(path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        return stream;
    }

    /// <summary>A file created by hand or by an older version may be readable by others: it holds CA keys, so fix it.</summary>
    private static void Tighten(string path)
    {
        if ((File.GetUnixFileMode(path) & GroupAndOther) != UnixFileMode.None)
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }
}
