using System.Text.Json.Serialization.Metadata;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Tracing;
using LambdaWorkflow.Orchestrator.Publishing;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator;

/// <summary>Starts workflow instances and reads their status and results.</summary>
public sealed class WorkflowClient
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(5);
    private readonly IInboxSender _inbox;
    private readonly IWorkflowStateStore _store;

    /// <summary>Creates a client over an inbox and the state store.</summary>
    public WorkflowClient(IInboxSender inbox, IWorkflowStateStore store)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(store);
        _inbox = inbox;
        _store = store;
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
        var start = new StartWorkflow { InstanceId = instanceId, Workflow = workflow.Name, Input = JsonPayload.From(input, workflow.RequestType), TraceParent = TraceParent.ForOutgoing() };
        await _inbox.SendAsync([start], cancellationToken).ConfigureAwait(false);
        return instanceId;
    }

    /// <summary>
    /// Sends an external event to an instance; it waits in the history until the workflow asks for it with
    /// <c>WaitForEventAsync</c>. Sending the same <paramref name="eventId"/> again is a duplicate.
    /// </summary>
    /// <returns>The event id (a new GUID when none is given).</returns>
    public async Task<string> RaiseEventAsync<T>(string instanceId, string eventName, T payload, string? eventId = null, JsonTypeInfo<T>? payloadType = null, CancellationToken cancellationToken = default)
    {
        eventId ??= Guid.NewGuid().ToString("N");
        var raised = new EventRaised
        {
            InstanceId = instanceId,
            EventName = eventName,
            EventId = eventId,
            Payload = JsonPayload.From(payload, payloadType ?? PayloadJson.TypeInfo<T>()),
            TraceParent = TraceParent.ForOutgoing(),
        };
        raised.Validate();
        await _inbox.SendAsync([raised], cancellationToken).ConfigureAwait(false);
        return eventId;
    }

    /// <summary>Asks an instance to cancel: its context's cancellation token fires, it may compensate, and it ends as cancelled.</summary>
    public Task CancelAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var cancel = new CancelRequested { InstanceId = instanceId, Reason = reason, TraceParent = TraceParent.ForOutgoing() };
        cancel.Validate();
        return _inbox.SendAsync([cancel], cancellationToken);
    }

    /// <summary>
    /// Asks a faulted instance to run again on the code deployed now (after a fix): it replays its history, takes the
    /// results that arrived while it was parked, and goes on; if the code still cannot replay it, it faults again with
    /// the new reason. An instance that is not faulted ignores the request.
    /// </summary>
    public Task ResumeAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var resume = new ResumeRequested { InstanceId = instanceId, RequestId = Guid.NewGuid().ToString("N"), Reason = reason, TraceParent = TraceParent.ForOutgoing() };
        resume.Validate();
        return _inbox.SendAsync([resume], cancellationToken);
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

            // Polling waits on the wall clock, even when the runtime runs on a test clock.
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
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
