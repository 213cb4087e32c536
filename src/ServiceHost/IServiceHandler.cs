namespace LambdaWorkflow.ServiceHost;

/// <summary>Serves one service operation: takes its request, returns its response.</summary>
/// <remarks>
/// A call may be delivered more than once (at-least-once queues, redelivery after a failed reply), and a
/// transient failure is retried within the same delivery: make side effects idempotent by
/// <see cref="ServiceCallContext.CallId"/>. Throw <see cref="ServiceException"/> for a typed business error.
/// </remarks>
/// <typeparam name="TRequest">The request payload.</typeparam>
/// <typeparam name="TResponse">The response payload.</typeparam>
public interface IServiceHandler<in TRequest, TResponse>
{
    /// <summary>Handles one call.</summary>
    /// <param name="request">The deserialized request.</param>
    /// <param name="context">Who called, with which call id and attempt.</param>
    /// <param name="cancellationToken">Signalled when the host stops; the call is then redelivered, not failed.</param>
    Task<TResponse> HandleAsync(TRequest request, ServiceCallContext context, CancellationToken cancellationToken);
}
