namespace LambdaWorkflow.Orchestrator.State;

/// <summary>The state store throttled or failed transiently; the turn can be retried.</summary>
public sealed class StateStoreUnavailableException : WorkflowException
{
    /// <summary>Creates the error.</summary>
    public StateStoreUnavailableException()
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public StateStoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public StateStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
