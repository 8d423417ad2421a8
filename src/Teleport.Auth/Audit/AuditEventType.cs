namespace Teleport.Auth.Audit;

/// <summary>An audit event's name and code, as Teleport defines them (lib/events: codes end in I, W or E).</summary>
public readonly record struct AuditEventType(string Name, string Code)
{
    public static readonly AuditEventType UserLogin = new("user.login", "T1000I");
    public static readonly AuditEventType UserLoginFailure = new("user.login", "T1000W");
    public static readonly AuditEventType UserCreate = new("user.create", "T1002I");
    public static readonly AuditEventType UserUpdate = new("user.update", "T1003I");
    public static readonly AuditEventType UserDelete = new("user.delete", "T1004I");
    public static readonly AuditEventType UserPasswordChange = new("user.password_change", "T1005I");
    public static readonly AuditEventType MfaDeviceAdd = new("mfa.add", "T1006I");
    public static readonly AuditEventType SessionStart = new("session.start", "T2000I");
    public static readonly AuditEventType SessionEnd = new("session.end", "T2004I");
    public static readonly AuditEventType SessionUpload = new("session.upload", "T2005I");
    public static readonly AuditEventType Subsystem = new("subsystem", "T3001I");
    public static readonly AuditEventType Exec = new("exec", "T3002I");
    public static readonly AuditEventType ExecFailure = new("exec", "T3002E");
    public static readonly AuditEventType PortForward = new("port", "T3003I");
    public static readonly AuditEventType ScpDownload = new("scp", "T3004I");
    public static readonly AuditEventType ScpUpload = new("scp", "T3005I");
    public static readonly AuditEventType ClientDisconnect = new("client.disconnect", "T3006I");
    public static readonly AuditEventType AuthAttemptFailure = new("auth", "T3007W");
    public static readonly AuditEventType ResetPasswordTokenCreate = new("reset_password_token.create", "T6000I");
    public static readonly AuditEventType JoinTokenCreate = new("join_token.create", "TJT00I");
    public static readonly AuditEventType RoleCreated = new("role.created", "T9000I");
    public static readonly AuditEventType RoleDeleted = new("role.deleted", "T9001I");
    public static readonly AuditEventType RoleUpdated = new("role.updated", "T9002I");
    public static readonly AuditEventType InstanceJoin = new("instance.join", "TJ002I");
    public static readonly AuditEventType InstanceJoinFailure = new("instance.join", "TJ002E");
    public static readonly AuditEventType CertificateCreate = new("cert.create", "TC000I");
}
