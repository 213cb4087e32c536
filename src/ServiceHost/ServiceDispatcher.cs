using System.Collections.Frozen;
using System.Diagnostics;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Tracing;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.ServiceHost.Dispatch;
using LambdaWorkflow.ServiceHost.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LambdaWorkflow.ServiceHost;

/// <summary>
/// Handles a service queue's messages: each is a <c>CallRequested</c> event, served by the mapped handler and
/// answered with <c>CallCompleted</c> or <c>CallFailed</c> on the caller's <c>replyTo</c> address.
/// </summary>
/// <remarks>
/// Outcomes: <see cref="MessageDisposition.Completed"/> once the reply is sent (success or failure);
/// <see cref="MessageDisposition.Retry"/> when the reply could not be sent or the host is stopping, so the call is
/// redelivered; <see cref="MessageDisposition.DeadLetter"/> for a message that is not a valid CallRequested event or
/// names an operation this host does not map (deploy the handler, then redrive). Never throws for a message.
/// </remarks>
public sealed class ServiceDispatcher
{
    private readonly FrozenDictionary<(string Service, string Operation), BoundOperation> _operations;
    private readonly IReplySender _replySender;
    private readonly ILogger _logger;
    private readonly int _maxConcurrency;

    /// <summary>Creates a dispatcher for the operations mapped in <paramref name="registry"/> so far.</summary>
    /// <param name="registry">The handlers served; later mappings are not seen.</param>
    /// <param name="replySender">Sends replies to the callers' inboxes.</param>
    /// <param name="options">Concurrency, default retries and clock; null for defaults.</param>
    /// <param name="logger">Logger; null for none.</param>
    /// <exception cref="ArgumentException">The registry maps no operation.</exception>
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
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrency, 1, nameof(options.MaxConcurrency));
        ArgumentNullException.ThrowIfNull(options.DefaultRetry, nameof(options.DefaultRetry));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options.TimeProvider));
        if (registry.Count == 0)
        {
            throw new ArgumentException("The registry maps no operation; map at least one with ServiceRegistry.Map.", nameof(registry));
        }

        _replySender = replySender;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _maxConcurrency = options.MaxConcurrency;
        _operations = registry.Registrations.ToFrozenDictionary(
            registration => (registration.Service, registration.Operation),
            registration => new BoundOperation(
                registration,
                new HandlerPipeline(
                    registration.Service + "." + registration.Operation,
                    registration.Retry ?? options.DefaultRetry,
                    options.TimeProvider,
                    _logger)));
    }

    /// <summary>Handles a batch, up to <see cref="ServiceDispatcherOptions.MaxConcurrency"/> messages at a time.</summary>
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
        if (messages.Count == 1 || _maxConcurrency == 1)
        {
            for (var i = 0; i < messages.Count; i++)
            {
                outcomes[i] = await HandleAsync(messages[i], cancellationToken).ConfigureAwait(false);
            }

            return outcomes;
        }

        // Handlers are I/O bound: run the batch concurrently. HandleAsync never throws, so one message's
        // failure cannot end the loop early; the host's token goes to the handlers, not to the loop, so that
        // every message still gets an outcome when the host stops.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, messages.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _maxConcurrency },
            async (i, _) => outcomes[i] = await HandleAsync(messages[i], cancellationToken).ConfigureAwait(false))
            .ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>Handles one message.</summary>
    /// <param name="message">The message received.</param>
    /// <param name="cancellationToken">Signalled when the host stops; the message is then left for redelivery.</param>
    /// <returns>What the transport must do with the message.</returns>
    public async Task<MessageOutcome> HandleAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return await ProcessAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // One message's unforeseen failure must not fail its batch: leave it for redelivery.
            Log.UnexpectedFailure(_logger, message.MessageId, ex);
            return MessageOutcome.Retry(message.MessageId, "Unexpected failure: " + ex.Message);
        }
    }

    private async Task<MessageOutcome> ProcessAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return MessageOutcome.Retry(message.MessageId, "The host is stopping.");
        }

        CallRequest call;
        try
        {
            call = CallRequestedEvent.Parse(message.Body.Span).Detail!;
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
        var (outcome, replied) = await HandleCallAsync(message, call, bound, cancellationToken).ConfigureAwait(false);
        var name = outcome.Disposition == MessageDisposition.Retry ? "retry" : replied is CallFailed ? "failed" : "completed";
        activity?.SetTag("lwf.outcome", name);
        if (name != "completed")
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome.Reason ?? (replied as CallFailed)?.Error?.ErrorType);
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

    /// <summary>Runs the handler and sends its reply; the reply is returned when it was sent.</summary>
    private async Task<(MessageOutcome Outcome, InboxMessage? Reply)> HandleCallAsync(QueueMessage message, CallRequest call, BoundOperation bound, CancellationToken cancellationToken)
    {
        var context = new ServiceCallContext
        {
            CallId = call.CallId,
            InstanceId = call.InstanceId,
            Workflow = call.Workflow,
            Service = call.Service,
            Operation = call.Operation,
            Attempt = call.Attempt,
            RequestedAt = call.RequestedAt,
            TraceParent = call.TraceParent,
        };

        InboxMessage reply;
        try
        {
            var result = await bound.Registration.InvokeAsync(call.Payload, context, bound.Pipeline, cancellationToken).ConfigureAwait(false);
            reply = result.Error is null ? Completed(call, result.Result) : Failed(call, result.Error);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested
            && (ex is OperationCanceledException || bound.Pipeline.IsTransient(ex)))
        {
            // Not the handler's failure: the host stopped it, or stopped its retries. Redelivery runs it again.
            Log.CallInterrupted(_logger, call.Service, call.Operation, call.CallId, message.MessageId, ex);
            return (MessageOutcome.Retry(message.MessageId, $"The host stopped while call {call.CallId} was running."), null);
        }
        catch (Exception ex)
        {
            // Any other handler exception, after its retries, is the call's failure: reply it as data.
            reply = Failed(call, Describe(call, ex));
        }

        try
        {
            await _replySender.SendAsync(call.ReplyTo, reply, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Whatever the sender threw, the reply is not known to be sent: redeliver; the caller drops duplicates.
            Log.ReplyFailed(_logger, call.CallId, call.ReplyTo, message.MessageId, ex);
            return (MessageOutcome.Retry(message.MessageId, $"The reply to call {call.CallId} could not be sent to '{call.ReplyTo}': {ex.Message}"), null);
        }

        return (MessageOutcome.Completed(message.MessageId), reply);
    }

    private CallCompleted Completed(CallRequest call, JsonPayload result)
    {
        Log.CallCompleted(_logger, call.Service, call.Operation, call.CallId, call.Attempt);
        return new CallCompleted { InstanceId = call.InstanceId, CallId = call.CallId, Attempt = call.Attempt, Result = result, TraceParent = TraceParent.ForOutgoing(call.TraceParent) };
    }

    private CallFailed Failed(CallRequest call, FailureDetails error)
    {
        Log.CallFailed(_logger, call.Service, call.Operation, call.CallId, error.ErrorType, error.Message);
        return new CallFailed { InstanceId = call.InstanceId, CallId = call.CallId, Attempt = call.Attempt, Error = error, TraceParent = TraceParent.ForOutgoing(call.TraceParent) };
    }

    private FailureDetails Describe(CallRequest call, Exception exception)
    {
        if (exception is ServiceException service)
        {
            // A business error is expected data for the workflow; its stack trace is noise.
            return new FailureDetails(service.ErrorType, service.Message);
        }

        var details = FailureDetails.FromException(exception);
        Log.HandlerFailed(_logger, call.Service, call.Operation, call.CallId, details.ErrorType, exception);
        return details;
    }

    private sealed record BoundOperation(OperationRegistration Registration, HandlerPipeline Pipeline);
}
