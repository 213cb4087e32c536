namespace LambdaWorkflow.ServiceHost.Callbacks;

/// <summary>What became of a completion, failure or heartbeat sent with a callback token.</summary>
public enum CallbackStatus
{
    /// <summary>Applied: the call is answered (or, for a heartbeat, its heartbeat clock restarted).</summary>
    Accepted = 1,

    /// <summary>The call was already answered, by an earlier completion or a timeout; nothing changed and the recorded answer was sent again.</summary>
    AlreadyCompleted = 2,

    /// <summary>Too late: the call's timeout (or heartbeat timeout) had passed, so it was answered with that failure instead.</summary>
    TimedOut = 3,

    /// <summary>The store has no record of the call: it never waited for a callback, or its record expired.</summary>
    NotFound = 4,
}
