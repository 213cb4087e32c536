using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator.Publishing;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator;

/// <summary>Starts workflow instances and reads their status and results.</summary>
public sealed class WorkflowClient
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(5);
    private readonly IInboxSender _inbox;
    private readonly IWorkflowStateStore _store;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a client over an inbox and the state store.</summary>
    public WorkflowClient(IInboxSender inbox, IWorkflowStateStore store, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(store);
        _inbox = inbox;
        _store = store;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Longest wait between two status reads of <see cref="WaitForCompletionAsync"/> (default 250 ms).</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Starts an instance. Starting the same instance id twice is idempotent: the second start is a duplicate.
    /// </summary>
    /// <returns>The instance id (a new GUID when none is given).</returns>
    public async Task<string> StartAsync<TRequest, TResult>(WorkflowDefinition<TRequest, TResult> workflow, TRequest input, string? instanceId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        instanceId ??= Guid.NewGuid().ToString("N");
        Names.EnsureValid(instanceId, nameof(instanceId));
        var start = new StartWorkflow { InstanceId = instanceId, Workflow = workflow.Name, Input = JsonPayload.From(input, workflow.RequestType) };
        await _inbox.SendAsync([start], cancellationToken).ConfigureAwait(false);
        return instanceId;
    }

    /// <summary>The instance's metadata (status, timestamps, output or error), read without replay; null if unknown.</summary>
    public Task<InstanceMetadata?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default) =>
        _store.GetMetadataAsync(instanceId, cancellationToken);

    /// <summary>Waits until the instance is no longer running, polling the store with growing intervals.</summary>
    public async Task<InstanceMetadata> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var delay = FirstPoll;
        while (true)
        {
            var metadata = await _store.GetMetadataAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (metadata is { Status: not WorkflowStatus.Running })
            {
                return metadata;
            }

            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxPollInterval.Ticks));
        }
    }

    /// <summary>Waits for the instance to finish and returns its result.</summary>
    /// <exception cref="WorkflowFailedException">The instance failed, faulted or was cancelled.</exception>
    public async Task<TResult> WaitForResultAsync<TRequest, TResult>(WorkflowDefinition<TRequest, TResult> workflow, string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var metadata = await WaitForCompletionAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return metadata.Status == WorkflowStatus.Completed
            ? metadata.Output.Deserialize(workflow.ResultType)
            : throw new WorkflowFailedException(instanceId, metadata.Status, metadata.Error);
    }
}
