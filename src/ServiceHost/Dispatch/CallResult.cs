using LambdaWorkflow.Contracts;

namespace LambdaWorkflow.ServiceHost.Dispatch;

/// <summary>What a handled call answers: a serialized response, or a failure the host found before or after the handler ran.</summary>
internal readonly record struct CallResult(JsonPayload Result, FailureDetails? Error)
{
    public static CallResult Success(JsonPayload result) => new(result, null);

    public static CallResult Failure(string errorType, string message) => new(default, new FailureDetails(errorType, message));
}
