using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator;

/// <summary>A workflow ended without a result (failed, faulted or cancelled); thrown when its result is asked for.</summary>
public sealed class WorkflowFailedException : WorkflowException
{
    /// <summary>Creates the error for an instance.</summary>
    public WorkflowFailedException(string instanceId, WorkflowStatus status, FailureDetails? failure)
        : base($"Workflow instance '{instanceId}' ended {status}: {failure?.ErrorType}: {failure?.Message}")
    {
        InstanceId = instanceId;
        Status = status;
        Failure = failure;
    }

    /// <summary>Creates the error.</summary>
    public WorkflowFailedException()
    {
        InstanceId = "?";
    }

    /// <summary>Creates the error with a message.</summary>
    public WorkflowFailedException(string message)
        : base(message)
    {
        InstanceId = "?";
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public WorkflowFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        InstanceId = "?";
    }

    /// <summary>The instance.</summary>
    public string InstanceId { get; }

    /// <summary>How it ended.</summary>
    public WorkflowStatus Status { get; }

    /// <summary>The recorded error.</summary>
    public FailureDetails? Failure { get; }
}
