namespace Teleport.Ssh.Wire;

/// <summary>SSH message numbers (RFC 4250 §4.1, RFC 8308, OpenSSH PROTOCOL).</summary>
internal enum MessageNumber : byte
{
    Disconnect = 1,
    Ignore = 2,
    Unimplemented = 3,
    Debug = 4,
    ServiceRequest = 5,
    ServiceAccept = 6,
    ExtInfo = 7,
    KexInit = 20,
    NewKeys = 21,

    // 30-49 are reused by each key exchange method (RFC 4253 §12).
    KexEcdhInit = 30,
    KexEcdhReply = 31,

    UserAuthRequest = 50,
    UserAuthFailure = 51,
    UserAuthSuccess = 52,
    UserAuthBanner = 53,

    // 60-79 are reused by each authentication method (RFC 4252 §6).
    UserAuthPkOk = 60,
    UserAuthInfoRequest = 60,
    UserAuthPasswdChangeReq = 60,
    UserAuthInfoResponse = 61,

    GlobalRequest = 80,
    RequestSuccess = 81,
    RequestFailure = 82,
    ChannelOpen = 90,
    ChannelOpenConfirmation = 91,
    ChannelOpenFailure = 92,
    ChannelWindowAdjust = 93,
    ChannelData = 94,
    ChannelExtendedData = 95,
    ChannelEof = 96,
    ChannelClose = 97,
    ChannelRequest = 98,
    ChannelSuccess = 99,
    ChannelFailure = 100,
}
