using System.Text.Json;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.ServiceHost.Middleware;

namespace LambdaWorkflow.ServiceHost.Dispatch;

/// <summary>One mapped operation with its handler, its request and response types erased so the dispatcher can hold them all.</summary>
internal abstract class OperationRegistration(string service, string operation, ServiceRetryOptions? retry, bool needsServices, bool isCallback)
{
    public string Service { get; } = service;

    public string Operation { get; } = operation;

    /// <summary>The operation's own retry settings; null for the dispatcher's default.</summary>
    public ServiceRetryOptions? Retry { get; } = retry;

    /// <summary>True when the handler is resolved from a DI scope per message.</summary>
    public bool NeedsServices { get; } = needsServices;

    /// <summary>True when the handler may answer "pending".</summary>
    public bool IsCallback { get; } = isCallback;

    /// <summary>
    /// Reads the request, resolves the handler, runs it with its middleware in <paramref name="pipeline"/> and serializes
    /// its response. An unreadable request or unwritable response is returned as a failure; the handler's own exception,
    /// after retries, is thrown; a handler that cannot be resolved throws <see cref="HandlerResolutionException"/>.
    /// </summary>
    public abstract Task<CallResult> InvokeAsync(
        JsonPayload payload,
        ServiceCallContext context,
        HandlerPipeline pipeline,
        IServiceProvider? services,
        IReadOnlyList<IServiceMiddleware> middleware,
        CancellationToken cancellationToken);
}

/// <summary>A mapped operation with its types.</summary>
internal sealed class OperationRegistration<TRequest, TResponse>(
    ServiceOperation<TRequest, TResponse> operation,
    Func<IServiceProvider?, ServiceHandlerFunc<TRequest, TResponse>> resolve,
    ServiceRetryOptions? retry,
    bool needsServices,
    bool isCallback)
    : OperationRegistration(operation.Service, operation.Operation, retry, needsServices, isCallback)
{
    public override async Task<CallResult> InvokeAsync(
        JsonPayload payload,
        ServiceCallContext context,
        HandlerPipeline pipeline,
        IServiceProvider? services,
        IReadOnlyList<IServiceMiddleware> middleware,
        CancellationToken cancellationToken)
    {
        TRequest request;
        try
        {
            request = payload.Deserialize(operation.RequestType);
        }
        catch (JsonException ex)
        {
            // A request that cannot be read now never will be: fail the call so the workflow learns of it.
            return CallResult.Failure(
                ServiceErrorTypes.InvalidRequest,
                $"The request of {operation} cannot be read as {typeof(TRequest).Name}: {WireJson.FromJsonException(ex).Message}");
        }

        if (request is null)
        {
            return CallResult.Failure(ServiceErrorTypes.InvalidRequest, $"The request of {operation} is null.");
        }

        ServiceHandlerFunc<TRequest, TResponse> handler;
        try
        {
            handler = resolve(services);
        }
        catch (Exception ex)
        {
            throw new HandlerResolutionException($"The handler of {operation} could not be resolved: {ex.Message}", ex);
        }

        var reply = await pipeline.ExecuteAsync(MiddlewarePipeline.Compose(handler, middleware), request, context, cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            return CallResult.Failure(ServiceErrorTypes.InvalidResponse, $"The handler or a middleware of {operation} returned no reply.");
        }

        if (reply.Callback is { } token)
        {
            return IsCallback
                ? CallResult.Deferred(token)
                : CallResult.Failure(ServiceErrorTypes.InvalidResponse, $"A middleware of {operation} answered 'pending', but the operation is not mapped as a callback operation.");
        }

        try
        {
            return CallResult.Success(JsonPayload.From(reply.Response, operation.ResponseType));
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return CallResult.Failure(
                ServiceErrorTypes.InvalidResponse,
                $"The response of {operation} cannot be serialized as {typeof(TResponse).Name}: {ex.Message}");
        }
    }
}
