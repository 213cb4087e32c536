using System.Collections.Frozen;
using System.Diagnostics;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Tracing;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.ServiceHost.Callbacks;
using LambdaWorkflow.ServiceHost.Dispatch;
using LambdaWorkflow.ServiceHost.Idempotency;
using LambdaWorkflow.ServiceHost.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LambdaWorkflow.ServiceHost;

/// <summary>
/// Handles a service queue's messages: each is a <c>CallRequested</c> event, served by the mapped handler and
/// answered with <c>CallCompleted</c> or <c>CallFailed</c> on the caller's <c>replyTo</c> address; or a callback
/// timeout check the service sent itself.
/// </summary>
/// <remarks>
/// Outcomes: <see cref="MessageDisposition.Completed"/> once the reply is sent (success or failure), or once a
/// pending call is recorded; <see cref="MessageDisposition.Retry"/> when the reply could not be sent, the call runs
/// in another delivery, or the host is stopping, so the message is redelivered;
/// <see cref="MessageDisposition.DeadLetter"/> for a message that is not a valid CallRequested event, names an
/// operation this host does not map (deploy the handler, then redrive), or must be retried on its last allowed
/// receive (<see cref="ServiceDispatcherOptions.MaxReceiveCount"/>). Never throws for a message.
/// With an idempotency store, a call's handler runs once per call id; see <see cref="IdempotencyOptions"/>.
/// </remarks>
public sealed class ServiceDispatcher
{
    private readonly FrozenDictionary<(string Service, string Operation), BoundOperation> _operations;
    private readonly CallProcessor _calls;
    private readonly IBatchReplySender? _batchReplies;
    private readonly CallbackTimeouts? _callbacks;
    private readonly ILogger _logger;
    private readonly int _maxConcurrency;
    private readonly int? _maxReceiveCount;

    /// <summary>Creates a dispatcher for the operations mapped in <paramref name="registry"/> so far.</summary>
    /// <param name="registry">The handlers served; later mappings are not seen.</param>
    /// <param name="replySender">Sends replies to the callers' inboxes.</param>
    /// <param name="options">Concurrency, retries, idempotency, callbacks, middleware and clock; null for defaults.</param>
    /// <param name="logger">Logger; null for none.</param>
    /// <exception cref="ArgumentException">
    /// The registry maps no operation; or it maps callback operations without an idempotency store and signing key,
    /// or DI-resolved handlers without a scope factory.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public ServiceDispatcher(
        ServiceRegistry registry,
        IReplySender replySender,
        ServiceDispatcherOptions? options = null,
        ILogger<ServiceDispatcher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(replySender);
        options ??= new ServiceDispatcherOptions();
        Validate(registry, options);

        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _maxConcurrency = options.MaxConcurrency;
        _maxReceiveCount = options.MaxReceiveCount;
        _batchReplies = replySender as IBatchReplySender;
        var time = options.TimeProvider;
        var guard = options.Idempotency.Store is { } store ? new IdempotencyGuard(store, time, options.Idempotency.Retention) : null;
        if (guard is not null && options.Callbacks.IsEnabled)
        {
            _callbacks = new CallbackTimeouts(
                CallbackTokenCodec.Create(options.Callbacks), options.Callbacks, new CallbackCloser(guard, replySender), guard, time, _logger);
        }

        _operations = registry.Registrations.ToFrozenDictionary(
            registration => (registration.Service, registration.Operation),
            registration =>
            {
                options.Operations.TryGetValue(registration.Service + "." + registration.Operation, out var own);
                return new BoundOperation(
                    registration,
                    new HandlerPipeline(
                        registration.Service + "." + registration.Operation,
                        own?.Retry ?? registration.Retry ?? options.DefaultRetry,
                        time,
                        _logger),
                    own?.Lease ?? options.Idempotency.Lease);
            });
        _calls = new CallProcessor(replySender, guard, _callbacks, options.ScopeFactory, [.. options.Middleware], time, _logger);
    }

    /// <summary>Handles a batch, up to <see cref="ServiceDispatcherOptions.MaxConcurrency"/> messages at a time.</summary>
    /// <remarks>
    /// When the reply sender is an <see cref="IBatchReplySender"/>, the batch's replies are sent together once every
    /// message is handled (fewer requests, at the price of a fast call's reply waiting for the slowest handler of its
    /// batch); a message whose reply was not sent is retried, the others complete.
    /// </remarks>
    /// <param name="messages">The messages received.</param>
    /// <param name="cancellationToken">Signalled when the host stops; unfinished messages are then left for redelivery.</param>
    /// <returns>One outcome per message, in the order of <paramref name="messages"/>.</returns>
    public async Task<IReadOnlyList<MessageOutcome>> HandleBatchAsync(
        IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is null)
            {
                throw new ArgumentException($"Message {i} of the batch is null.", nameof(messages));
            }
        }

        var outcomes = new MessageOutcome[messages.Count];
        var replies = _batchReplies is not null && messages.Count > 1 ? new ReplyBatch(_batchReplies, _logger) : null;
        if (messages.Count == 1 || _maxConcurrency == 1)
        {
            for (var i = 0; i < messages.Count; i++)
            {
                outcomes[i] = await HandleAsync(messages[i], replies, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            // Handlers are I/O bound: run the batch concurrently. HandleAsync never throws, so one message's
            // failure cannot end the loop early; the host's token goes to the handlers, not to the loop, so that
            // every message still gets an outcome when the host stops.
            await Parallel.ForEachAsync(
                Enumerable.Range(0, messages.Count),
                new ParallelOptions { MaxDegreeOfParallelism = _maxConcurrency },
                async (i, _) => outcomes[i] = await HandleAsync(messages[i], replies, cancellationToken).ConfigureAwait(false))
                .ConfigureAwait(false);
        }

        if (replies is not null && replies.Count > 0)
        {
            var unsent = await replies.SendAsync(messages).ConfigureAwait(false);
            for (var i = 0; i < messages.Count; i++)
            {
                if (unsent.TryGetValue(messages[i], out var failure))
                {
                    CountFailure(failure.Call.Service, failure.Call.Operation, "retry");
                    outcomes[i] = LimitRetries(messages[i], MessageOutcome.Retry(messages[i].MessageId, failure.Reason), cancellationToken);
                }
            }
        }

        return outcomes;
    }

    /// <summary>Handles one message.</summary>
    /// <param name="message">The message received.</param>
    /// <param name="cancellationToken">Signalled when the host stops; the message is then left for redelivery.</param>
    /// <returns>What the transport must do with the message.</returns>
    public Task<MessageOutcome> HandleAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return HandleAsync(message, null, cancellationToken);
    }

    private async Task<MessageOutcome> HandleAsync(QueueMessage message, ReplyBatch? replies, CancellationToken cancellationToken)
    {
        MessageOutcome outcome;
        try
        {
            outcome = await ProcessAsync(message, replies, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // One message's unforeseen failure must not fail its batch: leave it for redelivery.
            Log.UnexpectedFailure(_logger, message.MessageId, ex);
            outcome = MessageOutcome.Retry(message.MessageId, "Unexpected failure: " + ex.Message);
        }

        return LimitRetries(message, outcome, cancellationToken);
    }

    private MessageOutcome LimitRetries(QueueMessage message, MessageOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Disposition == MessageDisposition.Retry && _maxReceiveCount is { } max && message.ReceiveCount >= max
            && !cancellationToken.IsCancellationRequested)
        {
            // The redrive policy would move it without a word on its next receive: move it now, saying why.
            var reason = $"Gave up after {message.ReceiveCount} receives; last failure: {outcome.Reason}";
            Log.GaveUp(_logger, message.MessageId, message.ReceiveCount, outcome.Reason ?? "?");
            return MessageOutcome.DeadLetter(message.MessageId, reason);
        }

        return outcome;
    }

    private async Task<MessageOutcome> ProcessAsync(QueueMessage message, ReplyBatch? replies, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return MessageOutcome.Retry(message.MessageId, "The host is stopping.");
        }

        CallRequest call;
        try
        {
            if (IsTimeoutCheck(message))
            {
                return _callbacks is not null
                    ? await _callbacks.HandleCheckAsync(message, cancellationToken).ConfigureAwait(false)
                    : MessageOutcome.DeadLetter(message.MessageId, "A callback timeout check reached a host without callbacks configured.");
            }

            call = CallRequestedEvent.ParseCommand(message.Body.Span);
        }
        catch (MessageFormatException ex)
        {
            Log.MalformedMessage(_logger, message.MessageId, message.ReceiveCount, ex.Message);
            CountFailure("unknown", "unknown", "dead_letter");
            return MessageOutcome.DeadLetter(message.MessageId, "Not a valid CallRequested event: " + ex.Message);
        }

        if (!_operations.TryGetValue((call.Service, call.Operation), out var bound))
        {
            Log.UnknownOperation(_logger, message.MessageId, call.Service, call.Operation, call.CallId);
            CountFailure(call.Service, call.Operation, "dead_letter");
            return MessageOutcome.DeadLetter(
                message.MessageId,
                $"No handler is mapped for operation '{call.Operation}' of service '{call.Service}' (call {call.CallId}).");
        }

        using var activity = TraceParent.StartConsumer(ServiceTelemetry.Source, ServiceTelemetry.HandleActivityName, call.TraceParent);
        if (activity is not null)
        {
            activity.DisplayName = call.Service + "." + call.Operation;
            activity.SetTag("lwf.service", call.Service);
            activity.SetTag("lwf.operation", call.Operation);
            activity.SetTag("lwf.call_id", call.CallId);
            activity.SetTag("lwf.attempt", call.Attempt);
        }

        var started = ServiceTelemetry.CallDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        var outcome = await _calls.ProcessAsync(message, call, bound, replies, cancellationToken).ConfigureAwait(false);
        var name = outcome.Disposition switch
        {
            MessageDisposition.Retry => "retry",
            MessageDisposition.DeadLetter => "dead_letter",
            _ => "completed",
        };
        activity?.SetTag("lwf.outcome", name);
        if (name != "completed")
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome.Reason);
            CountFailure(call.Service, call.Operation, name);
        }

        if (started != 0)
        {
            ServiceTelemetry.CallDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, new("lwf.service", call.Service), new("lwf.operation", call.Operation), new("lwf.outcome", name));
        }

        return outcome;
    }

    private static void CountFailure(string service, string operation, string kind)
    {
        if (ServiceTelemetry.Failures.Enabled)
        {
            ServiceTelemetry.Failures.Add(1, new("lwf.service", service), new("lwf.operation", operation), new("lwf.failure.kind", kind));
        }
    }

    private static bool IsTimeoutCheck(QueueMessage message) =>
        string.Equals(WireJson.FindDiscriminator(message.Body.Span, "detail-type"), CallbackTimeoutCheck.DetailTypeName, StringComparison.Ordinal);

    private static void Validate(ServiceRegistry registry, ServiceDispatcherOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrency, 1, nameof(options.MaxConcurrency));
        ArgumentNullException.ThrowIfNull(options.DefaultRetry, nameof(options.DefaultRetry));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options.TimeProvider));
        ArgumentNullException.ThrowIfNull(options.Idempotency, nameof(options.Idempotency));
        ArgumentNullException.ThrowIfNull(options.Callbacks, nameof(options.Callbacks));
        if (options.MaxReceiveCount is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(options.MaxReceiveCount));
        }

        options.Idempotency.Validate();
        options.Callbacks.Validate();
        foreach (var (name, operation) in options.Operations)
        {
            operation?.Retry?.Validate();
            if (operation?.Lease is { } lease)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(lease, TimeSpan.FromSeconds(1), $"Operations[{name}].Lease");
            }
        }

        if (registry.Count == 0)
        {
            throw new ArgumentException("The registry maps no operation; map at least one with ServiceRegistry.Map.", nameof(registry));
        }

        var callback = registry.Registrations.FirstOrDefault(r => r.IsCallback);
        if (callback is not null && (options.Idempotency.Store is null || !options.Callbacks.IsEnabled))
        {
            throw new ArgumentException(
                $"{callback.Service}.{callback.Operation} is mapped as a callback operation, which needs an idempotency store (Idempotency.Store) and a signing key (Callbacks.SigningKey).",
                nameof(options));
        }

        var resolved = registry.Registrations.FirstOrDefault(r => r.NeedsServices);
        if (resolved is not null && options.ScopeFactory is null)
        {
            throw new ArgumentException(
                $"The handler of {resolved.Service}.{resolved.Operation} is resolved from DI, which needs {nameof(options.ScopeFactory)}.",
                nameof(options));
        }
    }
}
