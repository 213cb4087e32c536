namespace LambdaWorkflow.ServiceHost.Middleware;

/// <summary>Wraps a handler in middleware, the first one outermost.</summary>
internal static class MiddlewarePipeline
{
    public static ServiceHandlerFunc<TRequest, TResponse> Compose<TRequest, TResponse>(
        ServiceHandlerFunc<TRequest, TResponse> handler, IReadOnlyList<IServiceMiddleware> middleware)
    {
        var next = handler;
        for (var i = middleware.Count - 1; i >= 0; i--)
        {
            var current = middleware[i];
            var inner = next;
            next = (request, context, cancellationToken) => current.InvokeAsync(request, context, inner, cancellationToken);
        }

        return next;
    }
}
