using System.Text.Json;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Cli.Instances;

/// <summary>An instance as <c>lwf instances</c> and <c>lwf show</c> print it.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Workflow">The workflow name.</param>
/// <param name="Status">Running, Completed, Failed, Faulted or Cancelled.</param>
/// <param name="Version">Committed turns.</param>
/// <param name="EventCount">Committed history events of the current run.</param>
/// <param name="CreatedAt">When it started.</param>
/// <param name="UpdatedAt">When its last turn committed.</param>
/// <param name="DurationMs">From start to the last commit.</param>
/// <param name="Input">The workflow's input (only in <c>show</c>).</param>
/// <param name="Output">The result, once completed (only in <c>show</c>).</param>
/// <param name="CustomStatus">What the workflow published as its status, if anything.</param>
/// <param name="Error">The failure, once failed or faulted.</param>
public sealed record InstanceView(
    string InstanceId,
    string Workflow,
    string Status,
    long Version,
    int EventCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    double DurationMs,
    JsonElement? Input,
    JsonElement? Output,
    JsonElement? CustomStatus,
    ErrorView? Error)
{
    /// <summary>The view of stored metadata; payloads only when <paramref name="withPayloads"/>.</summary>
    public static InstanceView From(InstanceMetadata metadata, bool withPayloads)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new InstanceView(
            metadata.InstanceId,
            metadata.Workflow,
            metadata.Status.ToString(),
            metadata.Version,
            metadata.EventCount - metadata.FirstSequence,
            metadata.CreatedAt,
            metadata.UpdatedAt,
            Math.Round((metadata.UpdatedAt - metadata.CreatedAt).TotalMilliseconds, 3),
            withPayloads ? Payloads.ToElement(metadata.Input) : null,
            withPayloads ? Payloads.ToElement(metadata.Output) : null,
            Payloads.ToElement(metadata.CustomStatus),
            ErrorView.From(metadata.Error));
    }
}
