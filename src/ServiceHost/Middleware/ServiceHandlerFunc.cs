using LambdaWorkflow.ServiceHost.Callbacks;

namespace LambdaWorkflow.ServiceHost.Middleware;

/// <summary>The rest of the pipeline from a middleware's point of view: the next middleware, or the handler itself.</summary>
/// <typeparam name="TRequest">The request payload.</typeparam>
/// <typeparam name="TResponse">The response payload.</typeparam>
/// <param name="request">The request (a middleware may pass another one on).</param>
/// <param name="context">The call.</param>
/// <param name="cancellationToken">Signalled when the host stops.</param>
public delegate Task<ServiceReply<TResponse>> ServiceHandlerFunc<in TRequest, TResponse>(
    TRequest request, ServiceCallContext context, CancellationToken cancellationToken);
