using System.Collections.Concurrent;
using System.Text;
using Amazon.SQS;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.ServiceHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LambdaWorkflow.Aws.Worker;

/// <summary>
/// Hosts service handlers in a long-running process (ECS, EC2, a laptop) instead of Lambda: long-polls the service
/// queue, handles up to <see cref="SqsWorkerOptions.MaxConcurrency"/> messages at a time with the same
/// <see cref="ServiceDispatcher"/> Lambda uses, keeps long handlers' messages hidden by extending their visibility,
/// deletes what completed, delays what must be retried, and moves dead letters to the dead-letter queue with their
/// reason. On shutdown it stops receiving, lets in-flight handlers finish for a grace period, then cancels them and
/// makes their messages visible again at once.
/// </summary>
public sealed class SqsPollingWorker : BackgroundService
{
    private const int MaxAttributes = 10;
    private const int MaxReasonLength = 1000;
    private static readonly TimeSpan MaxTotalVisibility = TimeSpan.FromHours(12);

    private readonly ISqsWorkerQueue _queue;
    private readonly ServiceDispatcher _dispatcher;
    private readonly SqsWorkerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly GroupCommit<string> _deletes;
    private int _busy;

    /// <summary>Creates the worker; the host starts and stops it.</summary>
    /// <param name="sqs">The SQS client.</param>
    /// <param name="dispatcher">Handles each message.</param>
    /// <param name="options">The queue and polling settings.</param>
    /// <param name="logger">Logger; null for none.</param>
    /// <param name="timeProvider">The clock of visibility extensions and delays; null for the system clock.</param>
    /// <exception cref="ArgumentException">An option is missing or out of range.</exception>
    public SqsPollingWorker(
        IAmazonSQS sqs,
        ServiceDispatcher dispatcher,
        IOptions<SqsWorkerOptions> options,
        ILogger<SqsPollingWorker>? logger = null,
        TimeProvider? timeProvider = null)
        : this(new SqsWorkerQueue(sqs ?? throw new ArgumentNullException(nameof(sqs))), dispatcher, options?.Value!, logger, timeProvider)
    {
    }

    internal SqsPollingWorker(ISqsWorkerQueue queue, ServiceDispatcher dispatcher, SqsWorkerOptions options, ILogger? logger, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _queue = queue;
        _dispatcher = dispatcher;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;

        // Handlers finish at different moments; deletes that meet while one is in flight share a DeleteMessageBatch.
        _deletes = new GroupCommit<string>(DeleteGroupAsync);
    }

    /// <summary>Messages being handled now.</summary>
    public int InFlight => Volatile.Read(ref _busy);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var deadLetters = await FindDeadLetterQueueAsync(stoppingToken).ConfigureAwait(false);
        WorkerLog.Started(_logger, _options.QueueUrl, _options.MaxConcurrency, deadLetters ?? "(none)");
        using var slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        using var hardStop = new CancellationTokenSource();
        try
        {
            await ReceiveLoopAsync(slots, deadLetters, hardStop.Token, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await DrainAsync(hardStop).ConfigureAwait(false);
            WorkerLog.Stopped(_logger, _options.QueueUrl);
        }
    }

    private async Task ReceiveLoopAsync(SemaphoreSlim slots, string? deadLetters, CancellationToken hardStop, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // Receive as many as there are free slots, so no received message waits for one (and for its visibility).
            var taken = 1;
            while (taken < _options.MaxMessagesPerReceive && slots.Wait(0))
            {
                taken++;
            }

            IReadOnlyList<SqsReceivedMessage> received;
            try
            {
                received = await _queue.ReceiveAsync(_options.QueueUrl, taken, _options.WaitTime, _options.VisibilityTimeout, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                slots.Release(taken);
                return;
            }
            catch (Exception ex)
            {
                slots.Release(taken);
                WorkerLog.ReceiveFailed(_logger, _options.QueueUrl, _options.ReceiveErrorDelay, ex);
                try
                {
                    await Task.Delay(_options.ReceiveErrorDelay, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            if (received.Count < taken)
            {
                slots.Release(taken - received.Count);
            }

            foreach (var message in received)
            {
                var task = ProcessAsync(message, deadLetters, slots, hardStop);
                _inFlight.TryAdd(task, 0);
                _ = task.ContinueWith(done => _inFlight.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private async Task DrainAsync(CancellationTokenSource hardStop)
    {
        var pending = _inFlight.Keys.ToArray();
        if (pending.Length == 0)
        {
            return;
        }

        WorkerLog.Stopping(_logger, pending.Length, _options.ShutdownGracePeriod);
        var all = Task.WhenAll(pending);
        using var grace = new CancellationTokenSource();
        var finished = await Task.WhenAny(all, Task.Delay(_options.ShutdownGracePeriod, _time, grace.Token)).ConfigureAwait(false) == all;
        await grace.CancelAsync().ConfigureAwait(false);
        if (!finished)
        {
            WorkerLog.GraceExpired(_logger, _inFlight.Count);
            await hardStop.CancelAsync().ConfigureAwait(false);
            await all.ConfigureAwait(false);
        }
    }

    private async Task ProcessAsync(SqsReceivedMessage message, string? deadLetters, SemaphoreSlim slots, CancellationToken hardStop)
    {
        Interlocked.Increment(ref _busy);
        try
        {
            // Off the receive loop at once: the loop goes back to receiving while this message is handled.
            await Task.Yield();
            MessageOutcome outcome;
            using (var extending = new CancellationTokenSource())
            {
                var extender = ExtendVisibilityAsync(message, extending.Token);
                try
                {
                    outcome = await _dispatcher.HandleAsync(
                        new QueueMessage(message.MessageId, Encoding.UTF8.GetBytes(message.Body), message.SentAt, message.ReceiveCount, message.GroupId),
                        hardStop).ConfigureAwait(false);
                }
                finally
                {
                    await extending.CancelAsync().ConfigureAwait(false);
                    await extender.ConfigureAwait(false);
                }
            }

            await SettleAsync(message, outcome, deadLetters, hardStop.IsCancellationRequested).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _busy);
            slots.Release();
        }
    }

    private async Task ExtendVisibilityAsync(SqsReceivedMessage message, CancellationToken cancellationToken)
    {
        var received = _time.GetUtcNow();
        using var timer = new PeriodicTimer(_options.ExtensionInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_time.GetUtcNow() - received + _options.VisibilityTimeout > MaxTotalVisibility)
                {
                    return; // SQS refuses to keep a message hidden longer than 12 hours after its receive.
                }

                try
                {
                    await _queue.ChangeVisibilityAsync(_options.QueueUrl, message.ReceiptHandle, _options.VisibilityTimeout, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    WorkerLog.ExtendFailed(_logger, message.MessageId, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The handler finished.
        }
    }

    private async Task SettleAsync(SqsReceivedMessage message, MessageOutcome outcome, string? deadLetters, bool stopping)
    {
        try
        {
            switch (outcome.Disposition)
            {
                case MessageDisposition.Completed:
                    await _deletes.SubmitAsync(message.ReceiptHandle).ConfigureAwait(false);
                    break;
                case MessageDisposition.Retry:
                    // A message released by a stopping worker is visible again at once, for another worker.
                    var delay = stopping ? TimeSpan.Zero : outcome.RetryAfter ?? Backoff(message.ReceiveCount);
                    delay = delay > _options.MaxRetryDelay && outcome.RetryAfter is null ? _options.MaxRetryDelay : delay;
                    delay = delay > MaxTotalVisibility ? MaxTotalVisibility : delay;
                    WorkerLog.Retrying(_logger, message.MessageId, delay, outcome.Reason ?? "?");
                    await _queue.ChangeVisibilityAsync(_options.QueueUrl, message.ReceiptHandle, delay, CancellationToken.None).ConfigureAwait(false);
                    break;
                case MessageDisposition.DeadLetter:
                    await DeadLetterAsync(message, outcome.Reason ?? "No reason given.", deadLetters).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception ex)
        {
            WorkerLog.SettleFailed(_logger, message.MessageId, outcome.Disposition.ToString(), ex);
        }
    }

    private async Task DeadLetterAsync(SqsReceivedMessage message, string reason, string? deadLetters)
    {
        if (deadLetters is null)
        {
            // Nowhere to put it: it shows again after its visibility timeout, and the redrive policy (if any) moves it.
            WorkerLog.NoDeadLetterQueue(_logger, message.MessageId, _options.QueueUrl, reason);
            return;
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DeadLetterAttributes.Reason] = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason,
            [DeadLetterAttributes.SourceQueue] = _options.QueueUrl,
            [DeadLetterAttributes.OriginalMessageId] = message.MessageId,
        };
        foreach (var (name, value) in message.Attributes)
        {
            if (attributes.Count >= MaxAttributes)
            {
                break;
            }

            attributes.TryAdd(name, value);
        }

        var fifo = deadLetters.EndsWith(".fifo", StringComparison.Ordinal);
        await _queue.SendAsync(
            deadLetters,
            new SqsOutgoing(message.Body, attributes, GroupId: fifo ? message.GroupId ?? "dead-letters" : null, DeduplicationId: fifo ? message.MessageId : null),
            CancellationToken.None).ConfigureAwait(false);
        WorkerLog.DeadLettered(_logger, message.MessageId, deadLetters, reason);
        await _queue.DeleteAsync(_options.QueueUrl, message.ReceiptHandle, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<string?> FindDeadLetterQueueAsync(CancellationToken cancellationToken)
    {
        if (_options.DeadLetterQueueUrl is { Length: > 0 } configured)
        {
            return configured;
        }

        try
        {
            return await _queue.FindDeadLetterQueueUrlAsync(_options.QueueUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            WorkerLog.ReceiveFailed(_logger, _options.QueueUrl, TimeSpan.Zero, ex);
            return null;
        }
    }

    private async Task<IReadOnlyList<Exception?>> DeleteGroupAsync(IReadOnlyList<string> receiptHandles)
    {
        if (receiptHandles.Count > 1)
        {
            return await _queue.DeleteBatchAsync(_options.QueueUrl, receiptHandles, CancellationToken.None).ConfigureAwait(false);
        }

        await _queue.DeleteAsync(_options.QueueUrl, receiptHandles[0], CancellationToken.None).ConfigureAwait(false);
        return [null];
    }

    private TimeSpan Backoff(int receiveCount) =>
        TimeSpan.FromTicks(_options.RetryDelay.Ticks * (1L << Math.Clamp(receiveCount - 1, 0, 20)));
}
