using System.Text.Json;
using LambdaWorkflow.Contracts;

namespace LambdaWorkflow.ServiceHost.Dispatch;

/// <summary>One mapped operation with its handler, its request and response types erased so the dispatcher can hold them all.</summary>
internal abstract class OperationRegistration(string service, string operation, ServiceRetryOptions? retry)
{
    public string Service { get; } = service;

    public string Operation { get; } = operation;

    /// <summary>The operation's own retry settings; null for the dispatcher's default.</summary>
    public ServiceRetryOptions? Retry { get; } = retry;

    /// <summary>
    /// Reads the request, runs the handler in <paramref name="pipeline"/> and serializes its response. An unreadable
    /// request or unwritable response is returned as a failure; the handler's own exception, after retries, is thrown.
    /// </summary>
    public abstract Task<CallResult> InvokeAsync(JsonPayload payload, ServiceCallContext context, HandlerPipeline pipeline, CancellationToken cancellationToken);
}

/// <summary>A mapped operation with its types.</summary>
internal sealed class OperationRegistration<TRequest, TResponse>(
    ServiceOperation<TRequest, TResponse> operation,
    Func<TRequest, ServiceCallContext, CancellationToken, Task<TResponse>> handler,
    ServiceRetryOptions? retry)
    : OperationRegistration(operation.Service, operation.Operation, retry)
{
    public override async Task<CallResult> InvokeAsync(
        JsonPayload payload, ServiceCallContext context, HandlerPipeline pipeline, CancellationToken cancellationToken)
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

        var response = await pipeline.ExecuteAsync(handler, request, context, cancellationToken).ConfigureAwait(false);
        try
        {
            return CallResult.Success(JsonPayload.From(response, operation.ResponseType));
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return CallResult.Failure(
                ServiceErrorTypes.InvalidResponse,
                $"The response of {operation} cannot be serialized as {typeof(TResponse).Name}: {ex.Message}");
        }
    }
}
