using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator.Engine;
using LambdaWorkflow.Orchestrator.State;
using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Orchestrator.Hosting;

/// <summary>
/// One orchestration turn: load, apply the message, replay, commit, publish. A message already in the history
/// is a duplicate; it republishes the outbox (the crash may have come between commit and publish).
/// </summary>
internal sealed class TurnProcessor(
    WorkflowRegistry registry,
    IWorkflowStateStore store,
    Publishing.ICommandPublisher publisher,
    ExecutionSettings settings,
    TimeProvider timeProvider,
    InstanceCache cache,
    ILogger logger)
{
    /// <summary>Runs the turn; throws <see cref="ConcurrencyConflictException"/> when it lost a race and must be redone.</summary>
    public async Task RunAsync(InboxMessage message, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        IReadOnlyList<CallRequest>? commands = null;
        if (message is CallCompleted or CallFailed && cache.TryTake(message.InstanceId, out var warm, out var version))
        {
            commands = await ApplyWarmAsync(message, warm, version, sentAt, cancellationToken).ConfigureAwait(false);
        }

        if (commands is null)
        {
            var snapshot = await store.LoadAsync(message.InstanceId, cancellationToken).ConfigureAwait(false);
            commands = message switch
            {
                StartWorkflow start => await StartAsync(start, snapshot, sentAt, cancellationToken).ConfigureAwait(false),
                CallCompleted or CallFailed => await ApplyResultAsync(message, snapshot, sentAt, cancellationToken).ConfigureAwait(false),
                _ => throw new RejectedMessageException($"{message.Type} messages are not handled by this orchestrator version."),
            };
        }

        if (commands.Count > 0)
        {
            await publisher.PublishAsync(commands, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes the outbox of one instance again.</summary>
    public async Task<int> RepublishAsync(string instanceId, CancellationToken cancellationToken)
    {
        var snapshot = await store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (snapshot is not { Metadata.Status: WorkflowStatus.Running })
        {
            return 0;
        }

        var pending = Outbox.Pending(snapshot, settings.ReplyTo);
        if (pending.Count > 0)
        {
            await publisher.PublishAsync(pending, cancellationToken).ConfigureAwait(false);
        }

        return pending.Count;
    }

    private async Task<IReadOnlyList<CallRequest>> StartAsync(StartWorkflow start, InstanceSnapshot? snapshot, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        if (snapshot is not null)
        {
            return Duplicate(start, snapshot);
        }

        var registration = Registration(start.Workflow);
        var execution = new WorkflowExecution(registration, start.InstanceId, settings, []);
        var started = new HistoryEvent { Sequence = 0, Type = HistoryEventType.WorkflowStarted, Timestamp = sentAt, Payload = start.Input };
        var turn = execution.RunTurn([started]);
        var now = timeProvider.GetUtcNow();
        var metadata = new InstanceMetadata
        {
            InstanceId = start.InstanceId,
            Workflow = start.Workflow,
            Status = turn.Status,
            Version = 1,
            EventCount = turn.NewEvents.Count,
            Input = start.Input,
            Output = turn.Output,
            Error = turn.Error,
            CreatedAt = sentAt,
            UpdatedAt = now,
        };
        await CommitAsync(new InstanceCommit(0, turn.NewEvents, metadata), turn, cancellationToken).ConfigureAwait(false);
        Remember(execution, turn, metadata.Version);
        return turn.Commands;
    }

    /// <summary>
    /// The warm path: the execution in memory takes the result without replaying. Only one metadata read checks that
    /// nothing committed since; a stale copy returns null and the turn runs cold.
    /// </summary>
    private async Task<IReadOnlyList<CallRequest>?> ApplyWarmAsync(InboxMessage message, WorkflowExecution execution, long version, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var metadata = await store.GetMetadataAsync(message.InstanceId, cancellationToken).ConfigureAwait(false);
        if (metadata is not { Status: WorkflowStatus.Running } || metadata.Version != version || metadata.EventCount != execution.EventCount)
        {
            return null;
        }

        var (callId, attempt) = ResultIdentity(message);
        CallIds.TryParse(callId, message.InstanceId, out var callNumber);
        if (!execution.IsScheduled(callNumber))
        {
            throw new RejectedMessageException($"{message.Type} for call '{callId}': instance '{message.InstanceId}' never issued call #{callNumber}.");
        }

        if (execution.HasResult(callNumber))
        {
            cache.Put(message.InstanceId, execution, version);
            var pending = execution.PendingCommands();
            Log.Duplicate(logger, message.Type, message.InstanceId, pending.Count);
            return pending;
        }

        var turn = execution.RunTurn([ToResultEvent(message, metadata.EventCount, callNumber, attempt, sentAt)]);
        var updated = Advance(metadata, turn);
        await CommitAsync(new InstanceCommit(metadata.Version, turn.NewEvents, updated), turn, cancellationToken).ConfigureAwait(false);
        Remember(execution, turn, updated.Version);
        return turn.Commands;
    }

    private async Task<IReadOnlyList<CallRequest>> ApplyResultAsync(InboxMessage message, InstanceSnapshot? snapshot, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var (callId, attempt) = ResultIdentity(message);
        if (snapshot is null)
        {
            throw new RejectedMessageException($"{message.Type} for call '{callId}' names instance '{message.InstanceId}', which does not exist.");
        }

        CallIds.TryParse(callId, message.InstanceId, out var callNumber);
        var (scheduled, answered) = Find(snapshot.History, callNumber);
        if (scheduled is null)
        {
            throw new RejectedMessageException($"{message.Type} for call '{callId}': instance '{message.InstanceId}' never issued call #{callNumber}.");
        }

        if (answered)
        {
            return Duplicate(message, snapshot);
        }

        var metadata = snapshot.Metadata;
        if (metadata.Status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Cancelled)
        {
            Log.LateResult(logger, callId, message.InstanceId);
            return [];
        }

        var result = ToResultEvent(message, metadata.EventCount, callNumber, attempt, sentAt);
        if (metadata.Status == WorkflowStatus.Faulted)
        {
            // Keep the fact for when the instance is resumed after a fix; run nothing.
            var parked = metadata with { Version = metadata.Version + 1, EventCount = metadata.EventCount + 1, UpdatedAt = timeProvider.GetUtcNow() };
            await store.CommitAsync(new InstanceCommit(metadata.Version, [result], parked), cancellationToken).ConfigureAwait(false);
            return [];
        }

        var execution = new WorkflowExecution(Registration(metadata.Workflow), message.InstanceId, settings, snapshot.History);
        var turn = execution.RunTurn([result]);
        var updated = Advance(metadata, turn);
        await CommitAsync(new InstanceCommit(metadata.Version, turn.NewEvents, updated), turn, cancellationToken).ConfigureAwait(false);
        Remember(execution, turn, updated.Version);
        return turn.Commands;
    }

    private InstanceMetadata Advance(InstanceMetadata metadata, TurnResult turn) => metadata with
    {
        Status = turn.Status,
        Version = metadata.Version + 1,
        EventCount = metadata.EventCount + turn.NewEvents.Count,
        Output = turn.Output,
        Error = turn.Error,
        UpdatedAt = timeProvider.GetUtcNow(),
    };

    private void Remember(WorkflowExecution execution, TurnResult turn, long version)
    {
        // Only a suspended instance can take another result; finished and faulted ones are replayed if ever needed.
        if (turn.Status == WorkflowStatus.Running)
        {
            cache.Put(execution.InstanceId, execution, version);
        }
    }

    private static (string CallId, int Attempt) ResultIdentity(InboxMessage message) => message switch
    {
        CallCompleted c => (c.CallId, c.Attempt),
        CallFailed f => (f.CallId, f.Attempt),
        _ => throw new ArgumentException("Not a result.", nameof(message)),
    };

    private async Task CommitAsync(InstanceCommit commit, TurnResult turn, CancellationToken cancellationToken)
    {
        await store.CommitAsync(commit, cancellationToken).ConfigureAwait(false);
        if (turn.Status == WorkflowStatus.Faulted)
        {
            Log.Faulted(logger, commit.Metadata.InstanceId, turn.Error?.Message ?? "?");
        }
    }

    private IReadOnlyList<CallRequest> Duplicate(InboxMessage message, InstanceSnapshot snapshot)
    {
        var pending = snapshot.Metadata.Status == WorkflowStatus.Running ? Outbox.Pending(snapshot, settings.ReplyTo) : [];
        Log.Duplicate(logger, message.Type, message.InstanceId, pending.Count);
        return pending;
    }

    private IWorkflowRegistration Registration(string workflow) =>
        registry.TryGet(workflow, out var registration)
            ? registration
            : throw new RejectedMessageException($"Workflow '{workflow}' is not registered; registered: {string.Join(", ", registry.Names)}.");

    private static (HistoryEvent? Scheduled, bool Answered) Find(IReadOnlyList<HistoryEvent> history, int callNumber)
    {
        HistoryEvent? scheduled = null;
        var answered = false;
        foreach (var e in history)
        {
            if (e.CallNumber != callNumber)
            {
                continue;
            }

            if (e.Type == HistoryEventType.CallScheduled)
            {
                scheduled = e;
            }
            else if (e.Type is HistoryEventType.CallCompleted or HistoryEventType.CallFailed)
            {
                answered = true;
            }
        }

        return (scheduled, answered);
    }

    private static HistoryEvent ToResultEvent(InboxMessage message, int sequence, int callNumber, int attempt, DateTimeOffset sentAt) => message switch
    {
        CallCompleted c => new HistoryEvent
        {
            Sequence = sequence,
            Type = HistoryEventType.CallCompleted,
            Timestamp = sentAt,
            CallNumber = callNumber,
            Attempt = attempt,
            Payload = c.Result,
        },
        CallFailed f => new HistoryEvent
        {
            Sequence = sequence,
            Type = HistoryEventType.CallFailed,
            Timestamp = sentAt,
            CallNumber = callNumber,
            Attempt = attempt,
            Failure = f.Error,
        },
        _ => throw new ArgumentException("Not a result.", nameof(message)),
    };
}
