using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.ServiceHost.Callbacks;
using LambdaWorkflow.ServiceHost.Idempotency;
using LambdaWorkflow.ServiceHost.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.ServiceHost.Dispatch;

/// <summary>
/// Serves one parsed call: claims it in the idempotency store, runs the handler in a DI scope with its middleware
/// and retries, records the answer (or the pending callback), and sends the reply. A duplicate of an answered call
/// gets the recorded reply without the handler running; one of a call in progress elsewhere comes back later.
/// </summary>
/// <remarks>
/// Once the handler has returned, recording and replying ignore the host's cancellation: an answer that exists must
/// be recorded, or a redelivery would run the side effect again.
/// </remarks>
internal sealed class CallProcessor(
    IReplySender replySender,
    IdempotencyGuard? guard,
    CallbackTimeouts? callbacks,
    IServiceScopeFactory? scopeFactory,
    IReadOnlyList<IServiceMiddleware> middleware,
    TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>Serves the call; with <paramref name="replies"/>, its reply is held there instead of sent, and the outcome assumes it will be sent.</summary>
    public async Task<MessageOutcome> ProcessAsync(
        QueueMessage message, CallRequest call, BoundOperation bound, ReplyBatch? replies, CancellationToken cancellationToken)
    {
        var claim = guard is null
            ? IdempotencyClaim.Unguarded
            : await guard.BeginAsync(IdempotencyKeys.For(call.Service, call.CallId), bound.Lease, cancellationToken).ConfigureAwait(false);
        switch (claim.Kind)
        {
            case ClaimKind.Completed:
                var recorded = InboxMessageReader.Parse(claim.Record!.Reply!);
                Log.DuplicateCall(logger, call.Service, call.Operation, call.CallId, message.MessageId, recorded.Type);
                return await SendAsync(message, call, recorded, replies).ConfigureAwait(false);

            case ClaimKind.AwaitingCallback:
                // The timeout check is scheduled again: the delivery that recorded "pending" may have died before it could.
                Log.DuplicateWhilePending(logger, call.Service, call.Operation, call.CallId, message.MessageId);
                if (callbacks is not null)
                {
                    await callbacks.ScheduleAsync(call, claim.Record!, cancellationToken).ConfigureAwait(false);
                }

                return MessageOutcome.Completed(message.MessageId);

            case ClaimKind.Busy:
                var until = claim.Record?.LeaseExpiresAt;
                Log.CallBusy(logger, call.Service, call.Operation, call.CallId, message.MessageId, until);
                var wait = until is { } end ? end - timeProvider.GetUtcNow() : TimeSpan.Zero;
                return MessageOutcome.Retry(
                    message.MessageId,
                    $"Call {call.CallId} is being handled by another delivery (lease until {until:O}).",
                    wait > TimeSpan.Zero ? wait : TimeSpan.Zero);

            default:
                if (claim.TookOver)
                {
                    Log.LeaseTakenOver(logger, call.Service, call.Operation, call.CallId, message.MessageId);
                }

                return await RunAsync(message, call, bound, claim.Record, replies, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<MessageOutcome> RunAsync(
        QueueMessage message, CallRequest call, BoundOperation bound, IdempotencyRecord? held, ReplyBatch? replies, CancellationToken cancellationToken)
    {
        CallResult result;
        try
        {
            result = await InvokeAsync(call, bound, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested
            && (ex is OperationCanceledException || bound.Pipeline.IsTransient(ex)))
        {
            // Not the handler's failure: the host stopped it, or stopped its retries. Redelivery runs it again at once.
            Log.CallInterrupted(logger, call.Service, call.Operation, call.CallId, message.MessageId, ex);
            await ReleaseAsync(held).ConfigureAwait(false);
            return MessageOutcome.Retry(message.MessageId, $"The host stopped while call {call.CallId} was running.");
        }
        catch (HandlerResolutionException ex)
        {
            Log.HandlerUnresolved(logger, call.Service, call.Operation, call.CallId, message.MessageId, ex);
            await ReleaseAsync(held).ConfigureAwait(false);
            return MessageOutcome.Retry(message.MessageId, ex.Message);
        }
        catch (Exception ex)
        {
            // Any other handler exception, after its retries, is the call's failure: reply it as data.
            result = CallResult.Failure(Describe(call, ex));
        }

        InboxMessage reply;
        if (result.Pending is { } token)
        {
            var stored = await guard!.AwaitCallbackAsync(held!, token, CancellationToken.None).ConfigureAwait(false);
            if (stored is null)
            {
                Log.LeaseLost(logger, call.Service, call.Operation, call.CallId, message.MessageId);
                return MessageOutcome.Retry(message.MessageId, $"The lease on call {call.CallId} was lost before its pending state was recorded.");
            }

            if (stored.Status == IdempotencyStatus.AwaitingCallback)
            {
                Log.CallPending(logger, call.Service, call.Operation, call.CallId, token.Deadline);
                await callbacks!.ScheduleAsync(call, stored, CancellationToken.None).ConfigureAwait(false);
                return MessageOutcome.Completed(message.MessageId);
            }

            // The callback was completed before the handler even returned.
            reply = InboxMessageReader.Parse(stored.Reply!);
        }
        else
        {
            reply = result.Error is null ? Completed(call, result.Result) : Failed(call, result.Error);
            if (held is not null)
            {
                var json = InboxMessageReader.ToJson(reply);
                var stored = await guard!.CompleteAsync(held, json, CancellationToken.None).ConfigureAwait(false);
                if (stored is null)
                {
                    Log.LeaseLost(logger, call.Service, call.Operation, call.CallId, message.MessageId);
                    return MessageOutcome.Retry(message.MessageId, $"The lease on call {call.CallId} was lost before its answer was recorded.");
                }

                if (!string.Equals(stored.Reply, json, StringComparison.Ordinal))
                {
                    // Another answer was recorded first (a callback completion, or a delivery that took over): it stands.
                    reply = InboxMessageReader.Parse(stored.Reply!);
                }
            }
        }

        return await SendAsync(message, call, reply, replies).ConfigureAwait(false);
    }

    private async Task<CallResult> InvokeAsync(CallRequest call, BoundOperation bound, CancellationToken cancellationToken)
    {
        var scope = scopeFactory?.CreateAsyncScope();
        try
        {
            var services = scope?.ServiceProvider;
            IReadOnlyList<IServiceMiddleware> pipeline = services is null ? middleware : [.. middleware, .. services.GetServices<IServiceMiddleware>()];
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
                Callbacks = bound.Registration.IsCallback ? callbacks?.IssuerFor(call) : null,
            };
            return await bound.Registration.InvokeAsync(call.Payload, context, bound.Pipeline, services, pipeline, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (scope is { } created)
            {
                await created.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<MessageOutcome> SendAsync(QueueMessage message, CallRequest call, InboxMessage reply, ReplyBatch? replies)
    {
        if (replies is not null)
        {
            // Sent with the rest of the batch; the dispatcher turns this outcome into a retry if that send fails.
            replies.Add(message, call, reply);
            return MessageOutcome.Completed(message.MessageId);
        }

        try
        {
            await replySender.SendAsync(call.ReplyTo, reply, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Whatever the sender threw, the reply is not known to be sent: redeliver; the answer is recorded, so the
            // redelivery re-sends it without running the handler, and the caller drops duplicates.
            Log.ReplyFailed(logger, call.CallId, call.ReplyTo, message.MessageId, ex);
            return MessageOutcome.Retry(message.MessageId, $"The reply to call {call.CallId} could not be sent to '{call.ReplyTo}': {ex.Message}");
        }

        return MessageOutcome.Completed(message.MessageId);
    }

    private async Task ReleaseAsync(IdempotencyRecord? held)
    {
        if (held is null || guard is null)
        {
            return;
        }

        try
        {
            await guard.ReleaseAsync(held).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The lease then simply runs out: the call is retried later instead of at once.
            Log.UnexpectedFailure(logger, held.Key, ex);
        }
    }

    private CallCompleted Completed(CallRequest call, JsonPayload result)
    {
        Log.CallCompleted(logger, call.Service, call.Operation, call.CallId, call.Attempt);
        return new CallCompleted { InstanceId = call.InstanceId, CallId = call.CallId, Attempt = call.Attempt, Result = result, TraceParent = LambdaWorkflow.Contracts.Tracing.TraceParent.ForOutgoing(call.TraceParent) };
    }

    private CallFailed Failed(CallRequest call, FailureDetails error)
    {
        Log.CallFailed(logger, call.Service, call.Operation, call.CallId, error.ErrorType, error.Message);
        return new CallFailed { InstanceId = call.InstanceId, CallId = call.CallId, Attempt = call.Attempt, Error = error, TraceParent = LambdaWorkflow.Contracts.Tracing.TraceParent.ForOutgoing(call.TraceParent) };
    }

    private FailureDetails Describe(CallRequest call, Exception exception)
    {
        if (exception is ServiceException service)
        {
            // A business error is expected data for the workflow; its stack trace is noise.
            return new FailureDetails(service.ErrorType, service.Message);
        }

        var details = FailureDetails.FromException(exception);
        Log.HandlerFailed(logger, call.Service, call.Operation, call.CallId, details.ErrorType, exception);
        return details;
    }
}
