using LambdaWorkflow.ServiceHost.Callbacks;
using LambdaWorkflow.ServiceHost.Middleware;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace LambdaWorkflow.ServiceHost.Dispatch;

/// <summary>Runs an operation's handler inside its Polly retry pipeline, retrying transient failures with backoff.</summary>
internal sealed class HandlerPipeline
{
    private static readonly ResiliencePropertyKey<ServiceCallContext> CallKey = new("LambdaWorkflow.ServiceHost.Call");

    private readonly ResiliencePipeline _pipeline;
    private readonly Func<Exception, bool> _isTransient;
    private readonly ILogger _logger;

    public HandlerPipeline(string name, ServiceRetryOptions options, TimeProvider timeProvider, ILogger logger)
    {
        options.Validate();
        _isTransient = options.IsTransient;
        _logger = logger;

        var builder = new ResiliencePipelineBuilder { Name = name, TimeProvider = timeProvider };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } exception && ShouldRetry(exception, args.Context.CancellationToken)),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(CallKey, out var call))
                    {
                        Log.HandlerRetrying(
                            _logger, call.Service, call.Operation, call.CallId, args.AttemptNumber + 1,
                            args.RetryDelay.TotalMilliseconds, args.Outcome.Exception);
                    }

                    return default;
                },
            });
        }

        _pipeline = builder.Build();
    }

    /// <summary>True when the exception is transient: a <see cref="ServiceException"/> says so itself, others go to the options' predicate.</summary>
    public bool IsTransient(Exception exception) =>
        exception is ServiceException service ? service.IsTransient : _isTransient(exception);

    /// <summary>Runs the handler until it succeeds, fails permanently, exhausts its retries or the host stops.</summary>
    public async Task<ServiceReply<TResponse>> ExecuteAsync<TRequest, TResponse>(
        ServiceHandlerFunc<TRequest, TResponse> handler,
        TRequest request,
        ServiceCallContext context,
        CancellationToken cancellationToken)
    {
        var execution = new Execution<TRequest, TResponse>(handler, request, context);
        var resilience = ResilienceContextPool.Shared.Get(cancellationToken);
        resilience.Properties.Set(CallKey, context);
        try
        {
            return await _pipeline.ExecuteAsync(
                static (resilience, execution) => execution.RunAttemptAsync(resilience.CancellationToken),
                resilience,
                execution).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
    }

    // The host stopping is not the handler failing: such a cancellation ends the call without retrying it.
    private bool ShouldRetry(Exception exception, CancellationToken cancellationToken) =>
        !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested) && IsTransient(exception);

    /// <summary>One call's attempts, numbered so the handler sees <see cref="ServiceCallContext.ExecutionAttempt"/>.</summary>
    private sealed class Execution<TRequest, TResponse>(
        ServiceHandlerFunc<TRequest, TResponse> handler,
        TRequest request,
        ServiceCallContext context)
    {
        private int _attempts;

        public ValueTask<ServiceReply<TResponse>> RunAttemptAsync(CancellationToken cancellationToken)
        {
            var attempt = ++_attempts;
            var attemptContext = attempt == 1 ? context : context with { ExecutionAttempt = attempt };
            try
            {
                return new ValueTask<ServiceReply<TResponse>>(handler(request, attemptContext, cancellationToken));
            }
            catch (Exception ex)
            {
                // A handler that throws before returning its task fails the attempt like one whose task faults.
                return ValueTask.FromException<ServiceReply<TResponse>>(ex);
            }
        }
    }
}
