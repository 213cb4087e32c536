namespace LambdaWorkflow.ServiceHost.Callbacks;

/// <summary>
/// Serves an operation that may answer later: return <see cref="ServiceReply.Completed{TResponse}"/> to answer now,
/// or hand <see cref="ServiceCallContext.CreateCallbackToken"/>'s token to whoever finishes the work and return
/// <see cref="ServiceReply.Pending{TResponse}"/>; the call then completes through <see cref="CallbackClient"/>.
/// </summary>
/// <typeparam name="TRequest">The request payload.</typeparam>
/// <typeparam name="TResponse">The response payload.</typeparam>
public interface ICallbackServiceHandler<in TRequest, TResponse>
{
    /// <summary>Handles one call, answering now or later.</summary>
    /// <param name="request">The deserialized request.</param>
    /// <param name="context">Who called; issues the callback token.</param>
    /// <param name="cancellationToken">Signalled when the host stops; the call is then redelivered, not failed.</param>
    Task<ServiceReply<TResponse>> HandleAsync(TRequest request, ServiceCallContext context, CancellationToken cancellationToken);
}
