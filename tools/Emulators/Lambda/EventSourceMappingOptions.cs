namespace LambdaWorkflow.Emulators;

/// <summary>Settings of an <see cref="EventSourceMappingPoller"/>.</summary>
public sealed class EventSourceMappingOptions
{
    /// <summary>Records per invocation, 1 to 10 (one receive). Default 10.</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>Long-poll wait of a receive, in seconds. Default 0: tests decide when to poll.</summary>
    public int WaitTimeSeconds { get; init; }

    /// <summary>Visibility timeout of received messages, in seconds; null keeps the queue's. Default null.</summary>
    public int? VisibilityTimeoutSeconds { get; init; }

    /// <summary>When set, failed messages become visible again after this many seconds instead of the visibility timeout.</summary>
    public int? RedeliveryDelaySeconds { get; init; }
}
