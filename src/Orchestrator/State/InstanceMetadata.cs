using LambdaWorkflow.Contracts;

namespace LambdaWorkflow.Orchestrator.State;

/// <summary>The metadata item of an instance: status, input, output, and the committed history length under a version.</summary>
public sealed record InstanceMetadata
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The registered workflow name.</summary>
    public required string Workflow { get; init; }

    /// <summary>Where the instance stands.</summary>
    public required WorkflowStatus Status { get; init; }

    /// <summary>Bumped by every committed turn; commits are conditional on it.</summary>
    public required long Version { get; init; }

    /// <summary>How many history events are committed over all runs, so the next event's sequence; readers ignore any beyond.</summary>
    public required int EventCount { get; init; }

    /// <summary>
    /// The sequence of the current run's first event: 0 until the workflow continues as new. Events before it belong
    /// to earlier runs; readers do not load them and stores may delete them.
    /// </summary>
    public int FirstSequence { get; init; }

    /// <summary>The workflow's input.</summary>
    public JsonPayload Input { get; init; }

    /// <summary>The workflow's result, once completed.</summary>
    public JsonPayload Output { get; init; }

    /// <summary>The failure, once failed or faulted.</summary>
    public FailureDetails? Error { get; init; }

    /// <summary>A small status the workflow publishes for readers, kept without replay.</summary>
    public JsonPayload CustomStatus { get; init; }

    /// <summary>When the instance was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the last turn committed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}
