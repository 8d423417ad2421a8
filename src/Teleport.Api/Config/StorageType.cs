namespace Teleport.Api.Config;

/// <summary><c>teleport.storage.type</c>: where the Auth service keeps the cluster's state.</summary>
public enum StorageType
{
    /// <summary><c>sqlite</c> (Teleport also calls it <c>dir</c>): one file under <c>path</c>, the default.</summary>
    Sqlite,

    /// <summary><c>postgresql</c>: a PostgreSQL database named by <c>conn_string</c>, for several Auth servers.</summary>
    Postgresql,
}
