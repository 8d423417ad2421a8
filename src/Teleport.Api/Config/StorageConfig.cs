namespace Teleport.Api.Config;

/// <summary>
/// <c>teleport.storage</c>: the Auth service's backend. SQLite under <c>data_dir/backend</c>
/// unless said otherwise; PostgreSQL (<c>type: postgresql</c>, <c>conn_string</c>) for several
/// Auth servers sharing one state.
/// </summary>
public sealed record StorageConfig
{
    /// <summary>The directory under <c>data_dir</c> that holds the SQLite backend when no <c>path</c> is given.</summary>
    public const string DefaultDirectoryName = "backend";

    /// <summary><c>type</c>: <c>sqlite</c> (or Teleport's <c>dir</c>), or <c>postgresql</c>.</summary>
    public StorageType Type { get; init; } = StorageType.Sqlite;

    /// <summary>
    /// <c>path</c>: the directory of the SQLite database, or null for <c>&lt;data_dir&gt;/backend</c>
    /// (see <see cref="GlobalConfig.BackendDirectory"/>, which follows <c>data_dir</c>).
    /// </summary>
    public string? Path { get; init; }

    /// <summary><c>conn_string</c>: the PostgreSQL connection string (<c>postgresql://user@host:5432/teleport</c>).</summary>
    public string? ConnString { get; init; }
}
