namespace LambdaWorkflow.ServiceHost;

/// <summary>Error types the host itself replies with, besides exception type names and <see cref="ServiceException.ErrorType"/>.</summary>
public static class ServiceErrorTypes
{
    /// <summary>The request payload could not be read as the operation's request type; the handler did not run.</summary>
    public const string InvalidRequest = "InvalidRequest";

    /// <summary>The handler ran, but its response could not be serialized as the operation's response type.</summary>
    public const string InvalidResponse = "InvalidResponse";

    /// <summary>A pending call was not completed through its callback token before its timeout.</summary>
    public const string CallbackTimedOut = "CallbackTimedOut";

    /// <summary>A pending call with a heartbeat timeout went longer than that without a heartbeat.</summary>
    public const string CallbackHeartbeatTimedOut = "CallbackHeartbeatTimedOut";
}
