using Amazon.Runtime;
using Amazon.SQS;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace LambdaWorkflow.Aws.Sqs;

/// <summary>
/// Runs SQS calls the same way for every adapter: each attempt counted, transient failures retried with backoff,
/// and what is left wrapped in an <see cref="SqsException"/> naming the operation and queue.
/// </summary>
internal sealed class SqsCallRunner
{
    private static readonly ResiliencePropertyKey<(string Operation, string QueueUrl)> CallKey = new("lwf.sqs.call");
    private readonly ResiliencePipeline _pipeline;
    private readonly SqsRequestCounter _counter;

    public SqsCallRunner(IAmazonSQS sqs, SqsAdapterOptions? options)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        options ??= new SqsAdapterOptions();
        options.Validate();
        Client = sqs;
        Options = options;
        _counter = options.RequestCounter;
        Logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("LambdaWorkflow.Aws.Sqs");
        _pipeline = options.Retry.MaxRetryAttempts == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.Context.CancellationToken)),
                    MaxRetryAttempts = options.Retry.MaxRetryAttempts,
                    Delay = options.Retry.BaseDelay,
                    MaxDelay = options.Retry.MaxDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = options.Retry.UseJitter,
                    OnRetry = args =>
                    {
                        var call = args.Context.Properties.GetValue(CallKey, (Operation: "?", QueueUrl: "?"));
                        SqsLog.Retrying(Logger, call.Operation, call.QueueUrl, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, args.Outcome.Exception);
                        return ValueTask.CompletedTask;
                    },
                })
                .Build();
    }

    public IAmazonSQS Client { get; }

    public SqsAdapterOptions Options { get; }

    public ILogger Logger { get; }

    /// <summary>Runs <paramref name="call"/> with retries; it may throw a transient <see cref="SqsException"/> itself to be retried.</summary>
    /// <exception cref="SqsException">The call failed and will not be retried (any more).</exception>
    public async Task<T> RunAsync<T>(string operation, string queueUrl, Func<IAmazonSQS, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, (operation, queueUrl));
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    state.Runner._counter.Increment(state.Operation);
                    return await state.Call(state.Runner.Client, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (Runner: this, Operation: operation, Call: call)).ConfigureAwait(false);
        }
        catch (AmazonServiceException ex)
        {
            throw SqsException.FromService(operation, queueUrl, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SqsException(operation, queueUrl, "the request timed out", isTransient: true, innerException: ex);
        }
        catch (Exception ex) when (ex is not SqsException && SqsTransientErrors.IsTransient(ex))
        {
            throw new SqsException(operation, queueUrl, $"{ex.GetType().Name}: {ex.Message}", isTransient: true, innerException: ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static bool ShouldRetry(Exception? exception, CancellationToken cancellationToken) => exception switch
    {
        null => false,

        // Our caller gave up: stop. Any other cancellation is the HTTP client's timeout, worth another attempt.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => SqsTransientErrors.IsTransient(exception),
    };
}
