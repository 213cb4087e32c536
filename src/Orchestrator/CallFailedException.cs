using LambdaWorkflow.Contracts;

namespace LambdaWorkflow.Orchestrator;

/// <summary>A call's service replied with a failure; thrown at the call's <c>await</c>, where the workflow may catch it.</summary>
public sealed class CallFailedException : WorkflowException
{
    /// <summary>Creates the error for a failed call.</summary>
    public CallFailedException(string service, string operation, string callId, FailureDetails failure)
        : base($"Call {callId} to {service}.{operation} failed with {failure?.ErrorType}: {failure?.Message}")
    {
        ArgumentNullException.ThrowIfNull(failure);
        Service = service;
        Operation = operation;
        CallId = callId;
        Failure = failure;
    }

    /// <summary>Creates the error.</summary>
    public CallFailedException()
        : this("?", "?", "?", new FailureDetails("Unknown", "unknown failure"))
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public CallFailedException(string message)
        : base(message)
    {
        Service = Operation = CallId = "?";
        Failure = new FailureDetails("Unknown", message);
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public CallFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Service = Operation = CallId = "?";
        Failure = new FailureDetails("Unknown", message);
    }

    /// <summary>The called service.</summary>
    public string Service { get; }

    /// <summary>The called operation.</summary>
    public string Operation { get; }

    /// <summary>The call's id.</summary>
    public string CallId { get; }

    /// <summary>The remote error as the service reported it.</summary>
    public FailureDetails Failure { get; }

    /// <summary>The remote error's type, such as <c>PaymentDeclined</c>.</summary>
    public string ErrorType => Failure.ErrorType;
}
