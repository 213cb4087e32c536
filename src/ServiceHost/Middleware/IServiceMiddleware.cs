using LambdaWorkflow.ServiceHost.Callbacks;

namespace LambdaWorkflow.ServiceHost.Middleware;

/// <summary>
/// Code around every handler execution (logging, metrics, tracing, a unit of work, authorization): it runs once per
/// execution attempt, inside the retry pipeline, so it sees <see cref="ServiceCallContext.ExecutionAttempt"/> and each
/// attempt's exception. Duplicates answered from the idempotency store do not reach it: no handler runs for them.
/// </summary>
/// <remarks>
/// Middleware run in registration order, the first outermost. Registered in DI, a middleware is resolved from the
/// message's scope, so it may depend on scoped services.
/// </remarks>
public interface IServiceMiddleware
{
    /// <summary>Runs around the rest of the pipeline; call <paramref name="nextHandler"/> to go on, or return a reply of your own.</summary>
    /// <typeparam name="TRequest">The request payload.</typeparam>
    /// <typeparam name="TResponse">The response payload.</typeparam>
    /// <param name="request">The request.</param>
    /// <param name="context">The call.</param>
    /// <param name="nextHandler">The next middleware, or the handler.</param>
    /// <param name="cancellationToken">Signalled when the host stops.</param>
    Task<ServiceReply<TResponse>> InvokeAsync<TRequest, TResponse>(
        TRequest request,
        ServiceCallContext context,
        ServiceHandlerFunc<TRequest, TResponse> nextHandler,
        CancellationToken cancellationToken);
}
