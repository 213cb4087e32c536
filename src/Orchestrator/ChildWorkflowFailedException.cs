using LambdaWorkflow.Contracts;

namespace LambdaWorkflow.Orchestrator;

/// <summary>A child workflow failed or was cancelled; thrown at its <c>await</c> in the parent, where it may be caught.</summary>
public sealed class ChildWorkflowFailedException : WorkflowException
{
    /// <summary>Creates the error for a child.</summary>
    public ChildWorkflowFailedException(string workflow, string childInstanceId, FailureDetails failure)
        : base($"Child workflow '{workflow}' ({childInstanceId}) ended with {failure?.ErrorType}: {failure?.Message}")
    {
        ArgumentNullException.ThrowIfNull(failure);
        Workflow = workflow;
        ChildInstanceId = childInstanceId;
        Failure = failure;
    }

    /// <summary>Creates the error.</summary>
    public ChildWorkflowFailedException()
        : this("?", "?", new FailureDetails("Unknown", "unknown failure"))
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public ChildWorkflowFailedException(string message)
        : base(message)
    {
        Workflow = ChildInstanceId = "?";
        Failure = new FailureDetails("Unknown", message);
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public ChildWorkflowFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Workflow = ChildInstanceId = "?";
        Failure = new FailureDetails("Unknown", message);
    }

    /// <summary>The child's workflow name.</summary>
    public string Workflow { get; }

    /// <summary>The child's instance id.</summary>
    public string ChildInstanceId { get; }

    /// <summary>How the child ended.</summary>
    public FailureDetails Failure { get; }

    /// <summary>The child's error type (<c>Cancelled</c> when it was cancelled).</summary>
    public string ErrorType => Failure.ErrorType;
}
