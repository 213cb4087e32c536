namespace LambdaWorkflow.Orchestrator.State;

/// <summary>A commit lost the optimistic-concurrency race: the stored version was not the one the turn read.</summary>
public sealed class ConcurrencyConflictException : WorkflowException
{
    /// <summary>Creates the error for an instance.</summary>
    public ConcurrencyConflictException(string instanceId, long expectedVersion)
        : base($"Instance '{instanceId}' is no longer at version {expectedVersion}; another turn committed first.")
    {
        InstanceId = instanceId;
        ExpectedVersion = expectedVersion;
    }

    /// <summary>Creates the error.</summary>
    public ConcurrencyConflictException()
        : this("?", -1)
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public ConcurrencyConflictException(string message)
        : base(message)
    {
        InstanceId = "?";
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        InstanceId = "?";
    }

    /// <summary>The instance.</summary>
    public string InstanceId { get; }

    /// <summary>The version the losing turn expected.</summary>
    public long ExpectedVersion { get; }
}
