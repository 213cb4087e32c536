namespace LambdaWorkflow.Orchestrator;

/// <summary>
/// Thrown by <see cref="WorkflowContext{TRequest}.ContinueAsNew"/> to unwind the ending run. Let it propagate: the
/// engine has already recorded the request, so catching it changes nothing but the code that runs before the turn ends.
/// </summary>
public sealed class ContinueAsNewException : Exception
{
    /// <summary>Creates the signal for an instance's next run.</summary>
    public ContinueAsNewException(string instanceId, int nextRun)
        : base($"Instance '{instanceId}' continues as new in run {nextRun}.")
    {
        InstanceId = instanceId;
        NextRun = nextRun;
    }

    /// <summary>Creates the signal.</summary>
    public ContinueAsNewException()
    {
        InstanceId = "?";
    }

    /// <summary>Creates the signal with a message.</summary>
    public ContinueAsNewException(string message)
        : base(message)
    {
        InstanceId = "?";
    }

    /// <summary>Creates the signal with a message and cause.</summary>
    public ContinueAsNewException(string message, Exception innerException)
        : base(message, innerException)
    {
        InstanceId = "?";
    }

    /// <summary>The instance.</summary>
    public string InstanceId { get; }

    /// <summary>The run that starts next.</summary>
    public int NextRun { get; }
}
