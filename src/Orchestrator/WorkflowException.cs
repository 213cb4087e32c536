namespace LambdaWorkflow.Orchestrator;

/// <summary>The root of the orchestrator's errors.</summary>
public class WorkflowException : Exception
{
    /// <summary>Creates the error.</summary>
    public WorkflowException()
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public WorkflowException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public WorkflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
