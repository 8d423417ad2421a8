namespace Teleport.Srv.Sessions;

/// <summary>What a session channel runs.</summary>
internal enum SessionKind
{
    Shell,
    Exec,
    Sftp,
}
