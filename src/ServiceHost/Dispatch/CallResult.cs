using LambdaWorkflow.Contracts;
using LambdaWorkflow.ServiceHost.Callbacks;

namespace LambdaWorkflow.ServiceHost.Dispatch;

/// <summary>What a handled call answers: a serialized response, a failure the host found before or after the handler ran, or "pending".</summary>
internal readonly record struct CallResult(JsonPayload Result, FailureDetails? Error, CallbackToken? Pending = null)
{
    public static CallResult Success(JsonPayload result) => new(result, null);

    public static CallResult Failure(string errorType, string message) => new(default, new FailureDetails(errorType, message));

    public static CallResult Failure(FailureDetails error) => new(default, error);

    public static CallResult Deferred(CallbackToken token) => new(default, null, token);
}
