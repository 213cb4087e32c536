using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.ServiceHost.Idempotency;

namespace LambdaWorkflow.ServiceHost.Callbacks;

/// <summary>Issues the callback tokens of one call; handed to its handler through <see cref="ServiceCallContext"/>.</summary>
internal sealed class CallbackIssuer(CallbackTokenCodec codec, CallbackOptions options, TimeProvider timeProvider, CallRequest call)
{
    public CallbackToken Issue(TimeSpan? timeout, TimeSpan? heartbeatTimeout)
    {
        var total = timeout ?? options.DefaultTimeout;
        CallbackOptions.ValidateTimeout(total, nameof(timeout));
        var heartbeat = heartbeatTimeout ?? options.DefaultHeartbeatTimeout;
        if (heartbeat is { } interval)
        {
            CallbackOptions.ValidateTimeout(interval, nameof(heartbeatTimeout));
        }

        var now = IdempotencyGuard.Truncate(timeProvider.GetUtcNow());
        var deadline = now + total;
        var payload = new CallbackTokenPayload
        {
            InstanceId = call.InstanceId,
            CallId = call.CallId,
            Attempt = call.Attempt,
            Workflow = call.Workflow,
            Service = call.Service,
            Operation = call.Operation,
            ReplyTo = call.ReplyTo,
            IssuedAt = now.ToUnixTimeMilliseconds(),
            Deadline = deadline.ToUnixTimeMilliseconds(),
            HeartbeatMilliseconds = heartbeat is { } h ? (long)h.TotalMilliseconds : null,
        };
        return new CallbackToken(codec.Encode(payload), call.CallId, deadline, heartbeat);
    }
}
