namespace Teleport.Api.Types;

/// <summary>
/// Values of a role's <c>options.record_session.default</c> and <c>.ssh</c>: what happens when a
/// session cannot be recorded (a full disk). <c>best_effort</c> keeps the session and stops
/// recording; <c>strict</c> ends the session. Whether sessions are recorded at all is the cluster's
/// <c>session_recording</c> setting, not a role option.
/// </summary>
public static class SessionRecordingModes
{
    public const string BestEffort = "best_effort";
    public const string Strict = "strict";
}
