namespace Teleport.Ssh;

/// <summary>Reason codes carried by SSH_MSG_DISCONNECT (RFC 4253 §11.1, RFC 4250 §4.2.2).</summary>
public enum DisconnectReason : uint
{
    /// <summary>No reason code: a local failure such as a closed socket.</summary>
    None = 0,
    HostNotAllowedToConnect = 1,
    ProtocolError = 2,
    KeyExchangeFailed = 3,
    Reserved = 4,
    MacError = 5,
    CompressionError = 6,
    ServiceNotAvailable = 7,
    ProtocolVersionNotSupported = 8,
    HostKeyNotVerifiable = 9,
    ConnectionLost = 10,
    ByApplication = 11,
    TooManyConnections = 12,
    AuthCancelledByUser = 13,
    NoMoreAuthMethodsAvailable = 14,
    IllegalUserName = 15,
}
