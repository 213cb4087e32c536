using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator.Publishing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace LambdaWorkflow.Aws.EventBridge;

/// <summary>
/// Publishes call commands as EventBridge <c>CallRequested</c> events: one entry per command (the command's JSON as
/// <c>Detail</c>), in requests of at most 10 entries and 256 KB, sent one after another in command order.
/// Throttled, failed (5xx) or unreachable requests are retried whole; of a partially failed request only the entries
/// with a retryable <c>ErrorCode</c> are sent again. Both use one Polly retry pipeline with exponential backoff.
/// </summary>
public sealed class EventBridgeCommandPublisher : ICommandPublisher
{
    private static readonly ResiliencePropertyKey<PutEventsBatchSend> SendKey = new("LambdaWorkflow.Aws.EventBridge.Batch");

    private readonly IPutEventsClient _client;
    private readonly string _source;
    private readonly string _eventBusName;
    private readonly int _maxEntries;
    private readonly int _maxBytes;
    private readonly Func<string, bool> _isRetryableEntryError;
    private readonly Func<EventBridgeException, bool> _isRetryableRequestError;
    private readonly ResiliencePipeline<PutEventsBatchSend> _pipeline;
    private readonly ILogger _logger;

    /// <summary>Creates the publisher.</summary>
    /// <param name="client">Sends each request; <see cref="EventBridgePutEventsClient"/> on AWS.</param>
    /// <param name="options">Source, bus, batching limits and retries; validated and copied here.</param>
    /// <param name="logger">Logs retries and failures; default none.</param>
    /// <param name="timeProvider">The clock of the retry delays; default <see cref="TimeProvider.System"/>.</param>
    public EventBridgeCommandPublisher(
        IPutEventsClient client,
        EventBridgeClientOptions options,
        ILogger<EventBridgeCommandPublisher>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        _source = options.Source;
        _eventBusName = options.EventBusName;
        _maxEntries = options.MaxEntriesPerRequest;
        _maxBytes = options.MaxRequestBytes;
        _isRetryableEntryError = options.Retry.IsRetryableEntryError;
        _isRetryableRequestError = options.Retry.IsRetryableRequestError;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _pipeline = BuildPipeline(options.Retry, timeProvider ?? TimeProvider.System);
    }

    /// <summary>
    /// Publishes every command at least once, or throws. Commands published before a failure stay published; since
    /// <c>callId</c> is the idempotency key, repeating the whole call is safe.
    /// </summary>
    /// <exception cref="EventBridgeEntryTooLargeException">A command is too large for any request; nothing was sent.</exception>
    /// <exception cref="EventBridgeEntryException">EventBridge rejected some commands, or they still failed when the retries ran out.</exception>
    /// <exception cref="EventBridgeException">A request still failed as a whole when the retries ran out, or failed for good.</exception>
    public async Task PublishAsync(IReadOnlyList<CallRequest> commands, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        if (commands.Count == 0)
        {
            return;
        }

        var entries = new PendingEntry[commands.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var command = commands[i] ?? throw new ArgumentException("A command is null.", nameof(commands));
            entries[i] = PendingEntry.ForCommand(command, _source, _eventBusName);
        }

        // Every batch is planned before the first is sent, so an oversized command fails the call before any side effect.
        var requests = 0;
        foreach (var batch in PutEventsBatcher.Split(entries, _maxEntries, _maxBytes))
        {
            requests += await PublishBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        EventBridgeLog.Published(_logger, entries.Length, _eventBusName, requests);
    }

    private async Task<int> PublishBatchAsync(List<PendingEntry> batch, CancellationToken cancellationToken)
    {
        var send = new PutEventsBatchSend(_client, batch, _isRetryableEntryError);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(SendKey, send);
        try
        {
            await _pipeline.ExecuteAsync(
                static (context, send) => send.SendPendingAsync(context.CancellationToken), context, send).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (send.PermanentFailures.Count > 0)
        {
            Fail([.. send.PermanentFailures, .. send.RetryableFailures], retriesExhausted: false);
        }

        if (send.RetryableFailures.Count > 0)
        {
            Fail(send.RetryableFailures, retriesExhausted: true);
        }

        return send.RequestCount;
    }

    private void Fail(List<EventBridgeEntryFailure> failures, bool retriesExhausted)
    {
        EventBridgeLog.EntriesFailed(_logger, failures.Count, failures[0].CallId, failures[0].ErrorCode, retriesExhausted);
        throw new EventBridgeEntryException(EventBridgeException.PutEventsOperation, failures, retriesExhausted);
    }

    private ResiliencePipeline<PutEventsBatchSend> BuildPipeline(EventBridgeRetryOptions retry, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder<PutEventsBatchSend> { Name = "EventBridge.PutEvents", TimeProvider = timeProvider };
        if (retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<PutEventsBatchSend>
            {
                MaxRetryAttempts = retry.MaxRetryAttempts,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = retry.UseJitter,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.CancellationToken)),
                OnRetry = args =>
                {
                    LogRetry(args.Outcome, args.Context, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            });
        }

        return builder.Build();
    }

    // The caller giving up is not EventBridge failing: such a cancellation ends the call without retrying it.
    private bool ShouldRetry(Outcome<PutEventsBatchSend> outcome, CancellationToken cancellationToken) => outcome switch
    {
        { Exception: EventBridgeException ex } => !cancellationToken.IsCancellationRequested && _isRetryableRequestError(ex),
        { Exception: null, Result: { } send } => send.ShouldRetryEntries,
        _ => false,
    };

    private void LogRetry(Outcome<PutEventsBatchSend> outcome, ResilienceContext context, int retryAttempt, TimeSpan delay)
    {
        if (outcome.Exception is EventBridgeException ex)
        {
            var entryCount = context.Properties.TryGetValue(SendKey, out var pending) ? pending.Pending.Count : 0;
            EventBridgeLog.RequestRetrying(_logger, entryCount, ex.ErrorCode, (int?)ex.StatusCode, retryAttempt, delay.TotalMilliseconds, ex);
        }
        else if (outcome.Result is { RetryableFailures.Count: > 0 } send)
        {
            var codes = string.Join(", ", send.RetryableFailures.Select(f => f.ErrorCode).Distinct(StringComparer.Ordinal));
            EventBridgeLog.EntriesRetrying(
                _logger, send.RetryableFailures.Count, codes, send.RetryableFailures[0].CallId, retryAttempt, delay.TotalMilliseconds);
        }
    }
}
