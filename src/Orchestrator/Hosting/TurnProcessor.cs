using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Tracing;
using LambdaWorkflow.Orchestrator.Engine;
using LambdaWorkflow.Orchestrator.Publishing;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.Orchestrator.Telemetry;
using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Orchestrator.Hosting;

/// <summary>
/// One orchestration turn: load, apply the message, replay, commit, then send commands and timers. A message
/// already in the history is a duplicate; it republishes the outbox (the crash may have come before the send).
/// </summary>
internal sealed class TurnProcessor(
    WorkflowRegistry registry,
    IWorkflowStateStore store,
    ICommandPublisher publisher,
    ITimerScheduler? timers,
    IInboxSender? inbox,
    ExecutionSettings settings,
    TimeProvider timeProvider,
    InstanceCache cache,
    ILogger logger)
{
    /// <summary>Runs the turn; throws <see cref="ConcurrencyConflictException"/> when it lost a race and must be redone.</summary>
    public async Task RunAsync(InboxMessage message, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var output = message switch
        {
            StartWorkflow start => await StartAsync(start, sentAt, cancellationToken).ConfigureAwait(false),
            ResumeRequested resume => await ResumeAsync(resume, cancellationToken).ConfigureAwait(false),
            _ => await ApplyAsync(message, sentAt, cancellationToken).ConfigureAwait(false),
        };
        await SendAsync(message.InstanceId, output, TraceParent.ForOutgoing(message.TraceParent), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes the outbox of one instance again: calls without a result and timers that have not fired.</summary>
    public async Task<int> RepublishAsync(string instanceId, CancellationToken cancellationToken)
    {
        var snapshot = await store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (snapshot is null || snapshot.Metadata.Status == WorkflowStatus.Faulted)
        {
            return 0;
        }

        var output = OutboxOf(snapshot);
        await SendAsync(instanceId, output, TraceParent.ForOutgoing(), cancellationToken).ConfigureAwait(false);
        return output.Count;
    }

    private async Task<TurnOutput> StartAsync(StartWorkflow start, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var snapshot = await store.LoadAsync(start.InstanceId, cancellationToken).ConfigureAwait(false);
        if (snapshot is not null)
        {
            return Duplicate(start, snapshot.Metadata.Status == WorkflowStatus.Faulted ? TurnOutput.None : OutboxOf(snapshot));
        }

        if (start.Input.Length > settings.MaxPayloadBytes)
        {
            throw new RejectedMessageException(IncomingEvents.TooLarge($"The input of instance '{start.InstanceId}'", start.Input.Length, settings.MaxPayloadBytes).Message);
        }

        var registration = Registration(start.Workflow);
        var execution = new WorkflowExecution(registration, start.InstanceId, settings, []);
        var started = new HistoryEvent { Sequence = 0, Type = HistoryEventType.WorkflowStarted, Timestamp = sentAt, Payload = start.Input, Name = start.ParentInstanceId, Key = start.ParentCallId };
        var replay = TurnMetrics.StartReplay();
        var turn = execution.RunTurn([started]);
        var input = start.Input;
        (execution, turn, _, input) = NextRunsOf(execution, turn, committedEnd: 0, firstSequence: 0, input, [started]);

        TurnMetrics.Replayed(start.Workflow, warm: false, replay);
        var metadata = new InstanceMetadata
        {
            InstanceId = start.InstanceId,
            Workflow = start.Workflow,
            Status = turn.Status,
            Version = 1,
            EventCount = turn.NewEvents.Count,
            Input = input,
            Output = turn.Output,
            Error = turn.Error,
            CustomStatus = turn.CustomStatus,
            CreatedAt = sentAt,
            UpdatedAt = timeProvider.GetUtcNow(),
        };
        await CommitAsync(new InstanceCommit(0, turn.NewEvents, metadata), turn, start.Type, cancellationToken).ConfigureAwait(false);
        Remember(execution, turn, metadata.Version);
        return OutputOf(execution, turn);
    }

    private async Task<TurnOutput> ApplyAsync(InboxMessage message, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        // The warm path: the execution in memory takes the event without replaying, after one metadata read shows
        // that nothing committed since; a stale copy falls through to the cold path.
        if (cache.TryTake(message.InstanceId, out var warm, out var version))
        {
            var current = await store.GetMetadataAsync(message.InstanceId, cancellationToken).ConfigureAwait(false);
            if (current is { Status: WorkflowStatus.Running } && current.Version == version && current.EventCount == warm.EventCount)
            {
                return await ApplyToAsync(warm, current, message, sentAt, isWarm: true, cancellationToken).ConfigureAwait(false);
            }
        }

        var snapshot = await store.LoadAsync(message.InstanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new RejectedMessageException($"{message.Type} names instance '{message.InstanceId}', which does not exist.");
        var metadata = snapshot.Metadata;
        if (metadata.Status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Cancelled)
        {
            // Nothing changes; a child resends its report, because the crash may have come before it was sent. Not in
            // answer to a cancellation, though: a parent's outbox repeats those, and the two would echo forever.
            Log.LateMessage(logger, message.Type, message.InstanceId);
            return message is CancelRequested ? TurnOutput.None : OutboxOf(snapshot);
        }

        var execution = new WorkflowExecution(Registration(metadata.Workflow), message.InstanceId, settings, snapshot.History);
        if (metadata.Status == WorkflowStatus.Faulted)
        {
            if (IncomingEvents.IsForEarlierRun(message, execution))
            {
                Log.EarlierRun(logger, message.Type, message.InstanceId);
                return TurnOutput.None;
            }

            // Keep the fact for when the instance is resumed after a fix; run nothing.
            if (IncomingEvents.From(message, execution, metadata.EventCount, sentAt, settings.MaxPayloadBytes) is { } fact)
            {
                var parked = metadata with { Version = metadata.Version + 1, EventCount = metadata.EventCount + 1, UpdatedAt = timeProvider.GetUtcNow() };
                await store.CommitAsync(new InstanceCommit(metadata.Version, [fact], parked), cancellationToken).ConfigureAwait(false);
            }

            return TurnOutput.None;
        }

        return await ApplyToAsync(execution, metadata, message, sentAt, isWarm: false, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TurnOutput> ApplyToAsync(WorkflowExecution execution, InstanceMetadata metadata, InboxMessage message, DateTimeOffset sentAt, bool isWarm, CancellationToken cancellationToken)
    {
        if (IncomingEvents.IsForEarlierRun(message, execution))
        {
            // It may be the redelivery of the very message that ended that run, whose outbox send never happened.
            Log.EarlierRun(logger, message.Type, message.InstanceId);
            cache.Put(message.InstanceId, execution, metadata.Version);
            return new TurnOutput(execution.PendingCommands(), execution.PendingTimers(), execution.PendingChildMessages());
        }

        var incoming = IncomingEvents.From(message, execution, metadata.EventCount, sentAt, settings.MaxPayloadBytes);
        if (incoming is null)
        {
            cache.Put(message.InstanceId, execution, metadata.Version);
            return Duplicate(message, new TurnOutput(execution.PendingCommands(), execution.PendingTimers(), execution.PendingChildMessages()));
        }

        TurnMetrics.Answered(incoming, execution);
        var replay = TurnMetrics.StartReplay();
        var turn = Guard(metadata.EventCount - metadata.FirstSequence, execution.RunTurn([incoming]), incoming);
        var (firstSequence, input) = (metadata.FirstSequence, metadata.Input);
        (execution, turn, firstSequence, input) = NextRunsOf(execution, turn, metadata.EventCount, firstSequence, input, [incoming]);

        TurnMetrics.Replayed(metadata.Workflow, isWarm, replay);
        return await CommitNextAsync(execution, metadata, turn, firstSequence, input, message.Type, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commits a turn of an existing instance on the version it read, remembers a suspended execution, and returns what to send.</summary>
    private async Task<TurnOutput> CommitNextAsync(WorkflowExecution execution, InstanceMetadata metadata, TurnResult turn, int firstSequence, Contracts.JsonPayload input, string messageType, CancellationToken cancellationToken)
    {
        var updated = metadata with
        {
            FirstSequence = firstSequence,
            Input = input,
            Status = turn.Status,
            Version = metadata.Version + 1,
            EventCount = metadata.EventCount + turn.NewEvents.Count,
            Output = turn.Output,
            Error = turn.Error,
            CustomStatus = turn.CustomStatus.IsEmpty ? metadata.CustomStatus : turn.CustomStatus,
            UpdatedAt = timeProvider.GetUtcNow(),
        };
        await CommitAsync(new InstanceCommit(metadata.Version, turn.NewEvents, updated), turn, messageType, cancellationToken).ConfigureAwait(false);
        Remember(execution, turn, updated.Version);
        return OutputOf(execution, turn);
    }

    /// <summary>
    /// For a turn that continued as new, the next run, started in this turn: its history begins where the committed one
    /// ends, and the ending run's last turn is not kept. Any other turn comes back as it is.
    /// </summary>
    private (WorkflowExecution Execution, TurnResult Turn, int FirstSequence, Contracts.JsonPayload Input) NextRunsOf(
        WorkflowExecution execution, TurnResult turn, int committedEnd, int firstSequence, Contracts.JsonPayload input, IReadOnlyList<HistoryEvent> received)
    {
        if (turn.Continuation is null)
        {
            return (execution, turn, firstSequence, input);
        }

        var next = NextRuns.Start(execution.Registration, settings, execution, turn, committedEnd, received);
        return next.Continued
            ? (next.Execution, Guard(0, next.Turn, next.Started!), committedEnd, next.Input)
            : (next.Execution, next.Turn, firstSequence, input);
    }

    /// <summary>A turn that would grow the history past the limit fails the instance instead, keeping only the event that arrived.</summary>
    private TurnResult Guard(int eventCount, TurnResult turn, HistoryEvent incoming) => Guard(eventCount, turn, [incoming], incoming.Sequence + 1, incoming.Timestamp);

    private TurnResult Guard(int eventCount, TurnResult turn, IReadOnlyList<HistoryEvent> kept, int failedSequence, DateTimeOffset at)
    {
        if (eventCount + turn.NewEvents.Count <= settings.MaxHistoryEvents)
        {
            return turn;
        }

        var error = new Contracts.FailureDetails("HistoryTooLarge", $"The history would hold {eventCount + turn.NewEvents.Count:N0} events; the limit is {settings.MaxHistoryEvents:N0}. Continue as new (ctx.ContinueAsNew) or split long loops into child workflows.");
        var failed = new HistoryEvent { Sequence = failedSequence, Type = HistoryEventType.WorkflowFailed, Timestamp = at, Failure = error };
        return turn with { Status = WorkflowStatus.Failed, NewEvents = [.. kept, failed], Commands = [], Timers = [], Messages = [], Output = default, Error = error };
    }

    /// <summary>
    /// Runs a faulted instance again on the code deployed now; it faults again if the code still cannot replay its
    /// history. Any other instance ignores the request.
    /// </summary>
    private async Task<TurnOutput> ResumeAsync(ResumeRequested resume, CancellationToken cancellationToken)
    {
        var snapshot = await store.LoadAsync(resume.InstanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new RejectedMessageException($"{resume.Type} names instance '{resume.InstanceId}', which does not exist.");
        var metadata = snapshot.Metadata;
        if (metadata.Status != WorkflowStatus.Faulted)
        {
            // Possibly the redelivery of a resume that committed but crashed before its sends: repeat the outbox.
            Log.NotFaulted(logger, resume.InstanceId, metadata.Status);
            return OutboxOf(snapshot);
        }

        var execution = new WorkflowExecution(Registration(metadata.Workflow), resume.InstanceId, settings, snapshot.History);
        var replay = TurnMetrics.StartReplay();
        var turn = Guard(metadata.EventCount - metadata.FirstSequence, execution.RunResumed(), [], metadata.EventCount, timeProvider.GetUtcNow());
        var (firstSequence, input) = (metadata.FirstSequence, metadata.Input);
        (execution, turn, firstSequence, input) = NextRunsOf(execution, turn, metadata.EventCount, firstSequence, input, []);

        TurnMetrics.Replayed(metadata.Workflow, warm: false, replay);
        Log.Resumed(logger, resume.InstanceId, turn.Status, resume.Reason ?? string.Empty);
        return await CommitNextAsync(execution, metadata, turn, firstSequence, input, resume.Type, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The outbox of a stored instance: for a running one, calls without results, timers that have not fired and
    /// children that have not reported; for a finished child, its report to the parent.
    /// </summary>
    private TurnOutput OutboxOf(InstanceSnapshot snapshot)
    {
        var metadata = snapshot.Metadata;
        var execution = new WorkflowExecution(Registration(metadata.Workflow), metadata.InstanceId, settings, snapshot.History);
        return metadata.Status == WorkflowStatus.Running
            ? new TurnOutput(execution.PendingCommands(), execution.PendingTimers(), execution.PendingChildMessages())
            : new TurnOutput([], [], ReportToParent(execution.Parent, metadata.Status, metadata.Output, metadata.Error));
    }

    private static TurnOutput OutputOf(WorkflowExecution execution, TurnResult turn) =>
        new(turn.Commands, turn.Timers, [.. turn.Messages, .. ReportToParent(execution.Parent, turn.Status, turn.Output, turn.Error)]);

    private static IReadOnlyList<InboxMessage> ReportToParent(ParentLink? parent, WorkflowStatus status, Contracts.JsonPayload output, Contracts.FailureDetails? error) => parent is null || status is WorkflowStatus.Running or WorkflowStatus.Faulted
        ? []
        : [status == WorkflowStatus.Completed
            ? new CallCompleted { InstanceId = parent.InstanceId, CallId = parent.CallId, Result = output }
            : new CallFailed { InstanceId = parent.InstanceId, CallId = parent.CallId, Error = error ?? new Contracts.FailureDetails(status.ToString(), "The child workflow ended " + status + ".") }];

    private async Task SendAsync(string instanceId, TurnOutput output, string? traceParent, CancellationToken cancellationToken)
    {
        if (output.Commands.Count > 0)
        {
            // The commands carry the turn's trace on, so the service's span is the turn's child.
            var commands = traceParent is null ? output.Commands : [.. output.Commands.Select(c => c with { TraceParent = traceParent })];
            await publisher.PublishAsync(commands, cancellationToken).ConfigureAwait(false);
        }

        if (output.Messages.Count > 0)
        {
            if (inbox is null)
            {
                throw new InvalidOperationException($"Instance '{instanceId}' uses child workflows, but this orchestrator has no inbox sender; pass an IInboxSender to WorkflowOrchestrator.");
            }

            await inbox.SendAsync(output.Messages, cancellationToken).ConfigureAwait(false);
        }

        if (output.Timers.Count > 0)
        {
            if (timers is null)
            {
                throw new InvalidOperationException($"Instance '{instanceId}' started a durable timer, but this orchestrator has no timer scheduler; pass an ITimerScheduler to WorkflowOrchestrator.");
            }

            await timers.ScheduleAsync([.. output.Timers.Select(t => new TimerFired { InstanceId = instanceId, TimerId = t.TimerId, FireAt = t.FireAt, TraceParent = traceParent })], cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(InstanceCommit commit, TurnResult turn, string messageType, CancellationToken cancellationToken)
    {
        await store.CommitAsync(commit, cancellationToken).ConfigureAwait(false);
        TurnMetrics.Committed(commit, messageType);
        if (turn.Status == WorkflowStatus.Faulted)
        {
            Log.Faulted(logger, commit.Metadata.InstanceId, turn.Error?.Message ?? "?");
        }
    }

    private void Remember(WorkflowExecution execution, TurnResult turn, long version)
    {
        // Only a suspended instance can take another event; finished and faulted ones are replayed if ever needed.
        if (turn.Status == WorkflowStatus.Running)
        {
            cache.Put(execution.InstanceId, execution, version);
        }
    }

    private TurnOutput Duplicate(InboxMessage message, TurnOutput outbox)
    {
        Log.Duplicate(logger, message.Type, message.InstanceId, outbox.Count);
        return outbox;
    }

    private IWorkflowRegistration Registration(string workflow) =>
        registry.TryGet(workflow, out var registration)
            ? registration
            : throw new RejectedMessageException($"Workflow '{workflow}' is not registered; registered: {string.Join(", ", registry.Names)}.");
}
