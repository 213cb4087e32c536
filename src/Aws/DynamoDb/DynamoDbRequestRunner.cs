using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using LambdaWorkflow.Orchestrator.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>
/// Sends the store's DynamoDB requests through one Polly retry pipeline (exponential backoff with jitter for
/// throttling, server and network errors), counts them in <see cref="DynamoDbUsage"/>, and turns what is left of
/// a failure into the store's errors.
/// </summary>
internal sealed class DynamoDbRequestRunner
{
    private static readonly ResiliencePropertyKey<Request> RequestKey = new("LambdaWorkflow.Aws.DynamoDb.Request");

    private readonly ResiliencePipeline _pipeline;
    private readonly string _tableName;
    private readonly DynamoDbUsage _usage;
    private readonly ILogger _logger;

    public DynamoDbRequestRunner(DynamoDbStateStoreOptions options, DynamoDbUsage usage)
    {
        _tableName = options.TableName;
        _usage = usage;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<DynamoDbWorkflowStateStore>();
        var builder = new ResiliencePipelineBuilder { Name = "LambdaWorkflow.DynamoDbStateStore", TimeProvider = options.TimeProvider };
        if (options.CircuitBreaker)
        {
            // Outermost: while DynamoDB keeps failing, turns fail at once (their messages come back later) instead of
            // each spending its retries; every turn goes through the store, so this is where a breaker helps.
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } exception && DynamoDbErrors.IsTransient(exception, args.Context.CancellationToken)),
            });
        }

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
                    args.Outcome.Exception is { } exception && DynamoDbErrors.IsTransient(exception, args.Context.CancellationToken)),
                OnRetry = args =>
                {
                    _usage.RecordRetry();
                    if (args.Context.Properties.TryGetValue(RequestKey, out var request))
                    {
                        DynamoDbLog.Retrying(
                            _logger, request.Operation.ToString(), _tableName, request.InstanceId, args.AttemptNumber + 1,
                            args.RetryDelay.TotalMilliseconds, args.Outcome.Exception);
                    }

                    return default;
                },
            });
        }

        _pipeline = builder.Build();
    }

    /// <summary>
    /// Sends a request until it succeeds, fails for good, or runs out of retries. <paramref name="sendAsync"/> runs
    /// once per attempt and may keep state between attempts (such as the items still to write).
    /// </summary>
    /// <exception cref="StateStoreUnavailableException">Still transient after the last retry.</exception>
    /// <exception cref="ConditionalCheckFailedException">The request's condition failed; the caller says what that means.</exception>
    /// <exception cref="DynamoDbStateStoreException">DynamoDB refused the request for good.</exception>
    public async Task<TResponse> SendAsync<TResponse>(
        DynamoDbOperation operation, string instanceId, Func<CancellationToken, Task<TResponse>> sendAsync, CancellationToken cancellationToken)
    {
        var request = new Request(operation, instanceId);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (context, state) =>
                {
                    state.Request.Attempts++;
                    state.Runner._usage.RecordRequest(state.Request.Operation);
                    return await state.SendAsync(context.CancellationToken).ConfigureAwait(false);
                },
                context,
                (Runner: this, Request: request, SendAsync: sendAsync)).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            throw;
        }
        catch (BrokenCircuitException exception)
        {
            throw new StateStoreUnavailableException(
                $"DynamoDB {operation} on table '{_tableName}' for instance '{instanceId}' was not sent: the circuit is open after repeated failures; retry after {exception.RetryAfter?.TotalSeconds:N0} s.",
                exception);
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw new StateStoreUnavailableException(
                $"DynamoDB {operation} on table '{_tableName}' for instance '{instanceId}' still failed after {request.Attempts} attempt(s): {exception.Message}",
                exception);
        }
        catch (AmazonServiceException exception) when (!DynamoDbErrors.IsItemTooLarge(exception))
        {
            throw new DynamoDbStateStoreException(
                $"DynamoDB refused {operation} on table '{_tableName}' for instance '{instanceId}': {exception.ErrorCode}: {exception.Message}",
                _tableName, operation.ToString(), instanceId, exception);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One logical request and how often it was sent.</summary>
    private sealed class Request(DynamoDbOperation operation, string instanceId)
    {
        public DynamoDbOperation Operation { get; } = operation;

        public string InstanceId { get; } = instanceId;

        public int Attempts { get; set; }
    }
}
