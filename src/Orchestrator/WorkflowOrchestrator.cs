using System.Diagnostics;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Tracing;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Orchestrator.Engine;
using LambdaWorkflow.Orchestrator.Hosting;
using LambdaWorkflow.Orchestrator.Publishing;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.Orchestrator.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace LambdaWorkflow.Orchestrator;

/// <summary>
/// The orchestrator's message handler: takes a batch of inbox messages (from Lambda's SQS event, a poller, or the
/// embedded queues) and says what became of each. The same code runs on every host.
/// </summary>
public sealed class WorkflowOrchestrator
{
    private readonly TurnProcessor _turns;
    private readonly ResiliencePipeline _conflictRetry;
    private readonly OrchestratorOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the handler.</summary>
    /// <param name="registry">The workflows it runs.</param>
    /// <param name="store">Instance state.</param>
    /// <param name="publisher">Where call commands go.</param>
    /// <param name="replyTo">The inbox address services reply to.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="timers">Delivers durable timers; workflows that use timers need one.</param>
    /// <param name="inbox">Sends child-workflow starts, cancellations and reports; workflows with children need one.</param>
    public WorkflowOrchestrator(WorkflowRegistry registry, IWorkflowStateStore store, ICommandPublisher publisher, string replyTo, OrchestratorOptions? options = null, ITimerScheduler? timers = null, IInboxSender? inbox = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentException.ThrowIfNullOrEmpty(replyTo);
        _options = options ?? new OrchestratorOptions();
        var factory = _options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = factory.CreateLogger<WorkflowOrchestrator>();
        var settings = new ExecutionSettings(replyTo, _options.MaxPayloadBytes, factory.CreateLogger("LambdaWorkflow.Workflow"), _options.MaxHistoryEvents);
        _turns = new TurnProcessor(registry, store, publisher, timers, inbox, settings, _options.TimeProvider, new InstanceCache(_options.WarmInstanceCapacity), _logger);
        _conflictRetry = new ResiliencePipelineBuilder { TimeProvider = _options.TimeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<ConcurrencyConflictException>(),
                MaxRetryAttempts = Math.Max(1, _options.MaxConflictRetries),
                Delay = _options.ConflictRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
    }

    /// <summary>
    /// Processes a batch. Messages of one instance run in order; once one of them must be retried, the ones after
    /// it are retried too (as Lambda requires on FIFO queues). Other instances are unaffected.
    /// </summary>
    public async Task<IReadOnlyList<MessageOutcome>> HandleBatchAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var outcomes = new MessageOutcome[messages.Count];
        var groups = new Dictionary<string, List<(int Index, InboxMessage Message)>>(StringComparer.Ordinal);
        for (var i = 0; i < messages.Count; i++)
        {
            try
            {
                var parsed = InboxMessageReader.Parse(messages[i].Body.Span);
                var key = messages[i].GroupId ?? parsed.InstanceId;
                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = [];
                }

                group.Add((i, parsed));
            }
            catch (Contracts.MessageFormatException ex)
            {
                TurnMetrics.Failed("dead_letter");
                outcomes[i] = DeadLetter(messages[i].MessageId, ex.Message);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Reading is deterministic: a body that broke the reader once always will. Set it aside, not the batch.
                outcomes[i] = DeadLetter(messages[i].MessageId, $"The message could not be read ({ex.GetType().Name}): {ex.Message}");
            }
        }

        using var gate = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentInstances));
        var work = new List<Task>(groups.Count);
        foreach (var group in groups.Values)
        {
            work.Add(RunGroupAsync(group, messages, outcomes, gate, cancellationToken));
        }

        await Task.WhenAll(work).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>Processes one message.</summary>
    public async Task<MessageOutcome> HandleAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        var outcomes = await HandleBatchAsync([message], cancellationToken).ConfigureAwait(false);
        return outcomes[0];
    }

    /// <summary>
    /// Republishes the outbox of every running instance: the calls that have no result yet. Run it when a host
    /// starts whose queues may have lost messages (the embedded runtime after its process was killed); services
    /// deduplicate by call id, so a call that was already handled is answered again, not done again.
    /// </summary>
    /// <returns>How many commands were republished.</returns>
    public async Task<int> RecoverAsync(IInstanceLister instances, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var republished = 0;
        foreach (var metadata in await instances.ListAsync(new InstanceQuery(WorkflowStatus.Running, Limit: int.MaxValue), cancellationToken).ConfigureAwait(false))
        {
            republished += await _turns.RepublishAsync(metadata.InstanceId, cancellationToken).ConfigureAwait(false);
        }

        return republished;
    }

    private async Task RunGroupAsync(List<(int Index, InboxMessage Message)> group, IReadOnlyList<QueueMessage> messages, MessageOutcome[] outcomes, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string? blockedBy = null;
            foreach (var (index, message) in group)
            {
                var received = messages[index];
                outcomes[index] = blockedBy is not null
                    ? MessageOutcome.Retry(received.MessageId, $"an earlier message ({blockedBy}) of instance '{message.InstanceId}' failed; kept in order")
                    : await ProcessAsync(received, message, cancellationToken).ConfigureAwait(false);
                if (outcomes[index].Disposition == MessageDisposition.Retry)
                {
                    blockedBy ??= received.MessageId;
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<MessageOutcome> ProcessAsync(QueueMessage received, InboxMessage message, CancellationToken cancellationToken)
    {
        using var activity = TraceParent.StartConsumer(WorkflowTelemetry.Source, WorkflowTelemetry.TurnActivityName, message.TraceParent);
        var started = WorkflowTelemetry.TurnDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        if (activity is not null)
        {
            activity.DisplayName = "turn " + message.Type;
            activity.SetTag("lwf.instance_id", message.InstanceId);
            activity.SetTag("lwf.message.type", message.Type);
            activity.SetTag("messaging.message.id", received.MessageId);
        }

        var outcome = await ApplyAsync(received, message, cancellationToken).ConfigureAwait(false);
        var name = outcome.Disposition switch
        {
            MessageDisposition.Completed => "completed",
            MessageDisposition.Retry => "retry",
            _ => "dead_letter",
        };
        if (outcome.Disposition != MessageDisposition.Completed)
        {
            TurnMetrics.Failed(name);
            activity?.SetStatus(ActivityStatusCode.Error, outcome.Reason);
        }

        activity?.SetTag("lwf.outcome", name);
        if (started != 0)
        {
            WorkflowTelemetry.TurnDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, new("lwf.message.type", message.Type), new("lwf.outcome", name));
        }

        return outcome;
    }

    private async Task<MessageOutcome> ApplyAsync(QueueMessage received, InboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _conflictRetry.ExecuteAsync(
                async token =>
                {
                    try
                    {
                        await _turns.RunAsync(message, received.SentAt, token).ConfigureAwait(false);
                    }
                    catch (ConcurrencyConflictException)
                    {
                        Log.Conflict(_logger, message.InstanceId);
                        throw;
                    }
                },
                cancellationToken).ConfigureAwait(false);
            return MessageOutcome.Completed(received.MessageId);
        }
        catch (RejectedMessageException ex)
        {
            return DeadLetter(received.MessageId, ex.Message);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            return Retry(received.MessageId, "the handler is shutting down", ex);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var reason = $"{ex.GetType().Name}: {ex.Message}";
            if (_options.MaxReceiveCount is { } max && received.ReceiveCount >= max)
            {
                // The queue's redrive would move it anyway, but without saying why: move it here, with the reason.
                return DeadLetter(received.MessageId, $"Gave up after {received.ReceiveCount} receives; last failure: {reason}");
            }

            // Store, publisher or engine trouble: leave the message for redelivery; the redone turn is idempotent.
            return Retry(received.MessageId, reason, ex);
        }
    }

    private MessageOutcome DeadLetter(string messageId, string reason)
    {
        Log.DeadLettered(_logger, messageId, reason);
        return MessageOutcome.DeadLetter(messageId, reason);
    }

    private MessageOutcome Retry(string messageId, string reason, Exception exception)
    {
        Log.WillRetry(_logger, messageId, reason, exception);
        return MessageOutcome.Retry(messageId, reason);
    }
}
