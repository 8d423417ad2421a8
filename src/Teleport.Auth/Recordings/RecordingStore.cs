namespace Teleport.Auth.Recordings;

/// <summary>
/// Session recordings, one file per session id under <c>&lt;data_dir&gt;/records/</c> (mode 0600).
/// The file holds whatever the node uploaded (its recording format is documented with the node);
/// an upload is written to a temporary file and renamed, so a reader never sees half of one.
/// </summary>
public sealed class RecordingStore
{
    /// <summary>The largest recording accepted.</summary>
    public const long MaxRecordingSize = 4L * 1024 * 1024 * 1024;

    private readonly string _directory;

    public RecordingStore(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public async Task UploadAsync(string sessionId, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        string path = PathOf(sessionId);
        string temporary = path + ".upload-" + Guid.NewGuid().ToString("N");
        try
        {
            var file = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            await using (file.ConfigureAwait(false))
            {
                byte[] buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > MaxRecordingSize)
                    {
                        throw AuthException.LimitExceeded($"a recording may be at most {MaxRecordingSize / (1024 * 1024 * 1024)} GiB");
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The recording, or null when there is none for this session.</summary>
    public Stream? Open(string sessionId)
    {
        string path = PathOf(sessionId);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    /// <summary>Session ids are UUIDs; anything else could escape the directory and is refused.</summary>
    private string PathOf(string sessionId) =>
        Guid.TryParse(sessionId, out Guid id)
            ? Path.Combine(_directory, id.ToString("D") + ".rec")
            : throw AuthException.BadParameter("a session id must be a UUID");
}
