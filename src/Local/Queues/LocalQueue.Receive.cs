namespace LambdaWorkflow.Local.Queues;

/// <summary>Receiving: delivery, redrive and long polling.</summary>
public sealed partial class LocalQueue
{
    private static readonly IReadOnlyList<ReceivedLocalMessage> NoMessages = [];

    // Fires when the earliest delayed or in-flight message becomes visible, while receivers wait.
    private ITimer? _wakeTimer;
    private long _wakeTimerDueTicks = long.MaxValue;

    /// <summary>Receives up to <paramref name="maxMessages"/> messages, waiting for one if none is visible.</summary>
    /// <param name="maxMessages">1 to 10.</param>
    /// <param name="waitTime">
    /// Long poll, 0 to 20 s: returns as soon as at least one message can be delivered, or empty when this time
    /// has passed. 0 returns at once.
    /// </param>
    /// <param name="visibilityTimeout">How long the received messages stay hidden; the queue's default when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The messages delivered, in group order on a FIFO queue.</returns>
    public ValueTask<IReadOnlyList<ReceivedLocalMessage>> ReceiveAsync(
        int maxMessages,
        TimeSpan waitTime,
        TimeSpan? visibilityTimeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, QueueLimits.MaxMessagesPerReceive);
        QueueArguments.ThrowIfOutOfRange(waitTime, QueueLimits.MaxWaitTime, nameof(waitTime));
        var visibility = visibilityTimeout ?? Options.VisibilityTimeout;
        QueueArguments.ThrowIfOutOfRange(visibility, QueueLimits.MaxVisibilityTimeout, nameof(visibilityTimeout));
        cancellationToken.ThrowIfCancellationRequested();

        ReceiveWaiter waiter;
        long deadline;
        lock (_lock)
        {
            long now = _timeProvider.GetUtcNow().UtcTicks;
            var batch = ReceiveLocked(maxMessages, visibility.Ticks, now);
            if (batch is not null || waitTime == TimeSpan.Zero)
            {
                return new ValueTask<IReadOnlyList<ReceivedLocalMessage>>(batch ?? NoMessages);
            }

            // Registered under the same lock as the failed attempt, so a send right after cannot be missed.
            deadline = now + waitTime.Ticks;
            waiter = _waiters.Add();
            ArmWakeTimer(now);
        }

        return WaitForMessagesAsync(waiter, deadline, maxMessages, visibility.Ticks, cancellationToken);
    }

    private async ValueTask<IReadOnlyList<ReceivedLocalMessage>> WaitForMessagesAsync(
        ReceiveWaiter waiter, long deadline, int maxMessages, long visibilityTicks, CancellationToken cancellationToken)
    {
        while (true)
        {
            long remaining = deadline - _timeProvider.GetUtcNow().UtcTicks;
            if (remaining > 0)
            {
                try
                {
                    await waiter.WaitAsync(ToTimerDueTime(remaining), _timeProvider, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    lock (_lock)
                    {
                        _waiters.Remove(waiter);
                    }

                    throw;
                }
            }

            lock (_lock)
            {
                // Woken, timed out, or out of time already: try once more either way.
                _waiters.Remove(waiter);
                long now = _timeProvider.GetUtcNow().UtcTicks;
                var batch = ReceiveLocked(maxMessages, visibilityTicks, now);
                if (batch is not null)
                {
                    return batch;
                }

                if (now >= deadline)
                {
                    return NoMessages;
                }

                // Another receiver took what this one was woken for.
                waiter = _waiters.Add();
                ArmWakeTimer(now);
            }
        }
    }

    /// <summary>Delivers up to <paramref name="maxMessages"/> messages, redriving those received too often; null when none.</summary>
    private List<ReceivedLocalMessage>? ReceiveLocked(int maxMessages, long visibilityTicks, long nowTicks)
    {
        PromoteDue(nowTicks);
        List<ReceivedLocalMessage>? batch = null;
        DateTimeOffset now = default;
        try
        {
            while ((batch?.Count ?? 0) < maxMessages && _ready.TakeNext() is { } message)
            {
                if (Options.MaxReceiveCount is int maxReceives && message.ReceiveCount >= maxReceives)
                {
                    MoveToDeadLetterQueue(message);
                    continue;
                }

                if (batch is null)
                {
                    batch = new List<ReceivedLocalMessage>(Math.Min(maxMessages, _visible));
                    now = new DateTimeOffset(nowTicks, TimeSpan.Zero);
                }

                batch.Add(Deliver(message, visibilityTicks, nowTicks, now));
            }
        }
        finally
        {
            if (_ready.EndReceive())
            {
                _waiters.Wake(1);
            }
        }

        if (batch is not null)
        {
            ArmWakeTimer(nowTicks);
        }

        return batch;
    }

    private ReceivedLocalMessage Deliver(StoredMessage message, long visibilityTicks, long nowTicks, DateTimeOffset now)
    {
        if (message.ReceiptHandle is { } staleHandle)
        {
            _byReceiptHandle.Remove(staleHandle);
        }

        string handle = NewReceiptHandle();
        message.ReceiptHandle = handle;
        _byReceiptHandle.Add(handle, message);
        message.ReceiveCount++;
        message.FirstReceivedAt ??= now;
        message.MoveTo(MessageState.InFlight);
        message.VisibleAtTicks = nowTicks + visibilityTicks;
        _deadlines.Add(message);
        _visible--;
        _inFlight++;
        _ready.Received(message);
        return new ReceivedLocalMessage(
            message.MessageId, handle, message.Body, message.Attributes, message.ReceiveCount, message.SentAt,
            message.FirstReceivedAt.Value, message.GroupId, message.DeduplicationId, message.SequenceNumber);
    }

    private void MoveToDeadLetterQueue(StoredMessage message)
    {
        Remove(message);

        // Under this queue's lock, so a FIFO group's dead letters arrive in their order.
        DeadLetterQueue!.AcceptDeadLetter(message, Name);
    }

    /// <summary>Arms the timer for the next message to become visible, when a receiver is waiting for one.</summary>
    private void ArmWakeTimer(long nowTicks)
    {
        if (_waiters.Count == 0 || !_deadlines.TryPeekNextDue(out long due) || due >= _wakeTimerDueTicks)
        {
            return;
        }

        var dueTime = ToTimerDueTime(due - nowTicks);
        _wakeTimerDueTicks = nowTicks + dueTime.Ticks;
        if (_wakeTimer is null)
        {
            _wakeTimer = _timeProvider.CreateTimer(
                static state => ((LocalQueue)state!).OnWakeTimer(), this, dueTime, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _wakeTimer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnWakeTimer()
    {
        lock (_lock)
        {
            _wakeTimerDueTicks = long.MaxValue;
            long now = _timeProvider.GetUtcNow().UtcTicks;
            PromoteDue(now);
            ArmWakeTimer(now);
        }
    }

    /// <summary>
    /// A timer due time at least 1 ms (a zero due time would run the callback inline, under the lock), rounded up
    /// to whole milliseconds (timers truncate to them and would otherwise fire just before the deadline), at most a day.
    /// </summary>
    private static TimeSpan ToTimerDueTime(long ticks)
    {
        long milliseconds = Math.Clamp((ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond, 1, (long)TimeSpan.FromDays(1).TotalMilliseconds);
        return TimeSpan.FromMilliseconds(milliseconds);
    }
}
