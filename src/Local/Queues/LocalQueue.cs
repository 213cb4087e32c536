using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace LambdaWorkflow.Local.Queues;

/// <summary>
/// An in-process queue with the SQS semantics the runtime relies on: visibility timeouts, redrive to a
/// dead-letter queue, FIFO group ordering and deduplication, delays and long polling. Thread-safe; every
/// operation holds the queue's lock briefly and costs O(1) or O(log n), never a scan of the queue.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue: the embedded SQS queue.")]
public sealed partial class LocalQueue
{
    /// <summary>Attribute added to a message moved to a dead-letter queue: the name of the queue it left.</summary>
    public const string DeadLetterSourceQueueAttribute = "DeadLetterQueueSourceQueue";

    // Process-wide, so a handle of one queue never matches a message of another.
    private static long s_lastReceiptHandle;

    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly ReadyMessages _ready;
    private readonly MessageDeadlines _deadlines = new();
    private readonly ArrivalList _arrivals = new();
    private readonly Dictionary<string, StoredMessage> _byReceiptHandle = new(StringComparer.Ordinal);
    private readonly DeduplicationCache? _deduplication;
    private readonly ReceiveWaiters _waiters = new();
    private long _lastSequenceNumber;
    private int _visible;
    private int _inFlight;
    private int _delayed;

    /// <summary>Creates a queue.</summary>
    /// <param name="name">The queue name, with the SQS rules (FIFO queue names end with ".fifo").</param>
    /// <param name="options">The queue settings.</param>
    /// <param name="timeProvider">The clock for visibility, delays, deduplication and long-poll timeouts.</param>
    /// <param name="deadLetterQueue">Where messages go after <see cref="LocalQueueOptions.MaxReceiveCount"/> receives; of the same kind (FIFO or standard).</param>
    public LocalQueue(string name, LocalQueueOptions options, TimeProvider timeProvider, LocalQueue? deadLetterQueue = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        QueueArguments.ValidateQueueName(name, options.Fifo);
        LocalQueueOptions.Validate(options, deadLetterQueue is not null);
        if (deadLetterQueue is not null && deadLetterQueue.Options.Fifo != options.Fifo)
        {
            throw new ArgumentException(
                $"Queue '{name}' and its dead-letter queue '{deadLetterQueue.Name}' must both be FIFO or both standard, as in SQS.", nameof(deadLetterQueue));
        }

        Name = name;
        Options = options;
        DeadLetterQueue = deadLetterQueue;
        _timeProvider = timeProvider;
        _ready = options.Fifo ? new FifoReadyMessages() : new StandardReadyMessages();
        _deduplication = options.Fifo ? new DeduplicationCache(options.DeduplicationWindow) : null;
    }

    /// <summary>The queue name.</summary>
    public string Name { get; }

    /// <summary>The queue settings.</summary>
    public LocalQueueOptions Options { get; }

    /// <summary>The queue that receives messages received too often, if any.</summary>
    public LocalQueue? DeadLetterQueue { get; }

    /// <summary>Sends a message.</summary>
    /// <param name="body">The message body; not empty.</param>
    /// <param name="attributes">Up to 10 string attributes; copied.</param>
    /// <param name="groupId">
    /// FIFO: the message group, required; messages of a group are delivered one group-batch at a time in send order.
    /// Standard: optional and only recorded (SQS fair queues), no ordering.
    /// </param>
    /// <param name="deduplicationId">FIFO: required; a resend with the same id within the window enqueues nothing. Standard: not allowed.</param>
    /// <param name="delay">How long the message stays invisible, up to <see cref="LocalQueueOptions.MaxDelay"/>. Not allowed per message on FIFO queues.</param>
    /// <returns>The message id, or the original's id when the send was a duplicate.</returns>
    public SendResult Send(
        string body,
        IReadOnlyDictionary<string, string>? attributes = null,
        string? groupId = null,
        string? deduplicationId = null,
        TimeSpan delay = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(body);
        return SendBody(new MessageBody(body), attributes, groupId, deduplicationId, delay);
    }

    /// <summary>As <see cref="Send(string, IReadOnlyDictionary{string, string}?, string?, string?, TimeSpan)"/>, with the body as UTF-8 bytes that the queue keeps: the caller must not change them afterwards.</summary>
    internal SendResult SendUtf8(
        byte[] utf8Body,
        IReadOnlyDictionary<string, string>? attributes = null,
        string? groupId = null,
        string? deduplicationId = null,
        TimeSpan delay = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Body);
        if (utf8Body.Length == 0 || !System.Text.Unicode.Utf8.IsValid(utf8Body))
        {
            throw new ArgumentException("The body must be non-empty, valid UTF-8.", nameof(utf8Body));
        }

        return SendBody(new MessageBody(utf8Body), attributes, groupId, deduplicationId, delay);
    }

    /// <summary>Sends a body that may already sit in another queue (a dead letter): bodies never change, so they are shared.</summary>
    internal SendResult SendBody(
        MessageBody body,
        IReadOnlyDictionary<string, string>? attributes = null,
        string? groupId = null,
        string? deduplicationId = null,
        TimeSpan delay = default)
    {
        var copiedAttributes = QueueArguments.CopyAttributes(attributes);
        QueueArguments.ValidateSize(body, copiedAttributes, Options.MaxMessageSize);
        ValidateSendOptions(groupId, deduplicationId, delay);

        // Every message id is a GUID's "D" form: the deduplication record keeps the Guid and formats it again.
        var messageGuid = LocalIds.NextGuid();
        string messageId = messageGuid.ToString();
        var deduplicationKey = _deduplication is null ? default : DeduplicationCache.KeyOf(deduplicationId!);
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            if (_deduplication is not null && _deduplication.TryGetOriginal(deduplicationKey, now.UtcTicks, out var original))
            {
                return original;
            }

            var message = new StoredMessage(
                messageId, body, copiedAttributes, groupId, deduplicationId, ++_lastSequenceNumber, sentAt: now, enqueuedAt: now);
            Enqueue(message, now.UtcTicks, delay.Ticks);
            _deduplication?.Add(deduplicationKey, messageGuid, message.SequenceNumber, now.UtcTicks);
            return new SendResult(messageId, message.SequenceNumber, IsDuplicate: false);
        }
    }

    /// <summary>Deletes a received message.</summary>
    /// <param name="receiptHandle">The handle of the latest receive of the message.</param>
    /// <returns>
    /// <see langword="false"/> when the handle is unknown, already used, or stale because the message was received again
    /// after its visibility timeout passed. A handle stays valid after the timeout until that next receive.
    /// </returns>
    public bool Delete(string receiptHandle)
    {
        ArgumentException.ThrowIfNullOrEmpty(receiptHandle);
        lock (_lock)
        {
            if (!_byReceiptHandle.TryGetValue(receiptHandle, out var message))
            {
                return false;
            }

            Remove(message);
            return true;
        }
    }

    /// <summary>Sets how long an in-flight message stays hidden, counted from now.</summary>
    /// <param name="receiptHandle">The handle of the latest receive of the message.</param>
    /// <param name="visibilityTimeout">0 to 12 h; 0 makes the message visible at once.</param>
    /// <returns><see langword="false"/> when the handle is unknown or stale, or the message is no longer in flight.</returns>
    public bool ChangeVisibility(string receiptHandle, TimeSpan visibilityTimeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(receiptHandle);
        QueueArguments.ThrowIfOutOfRange(visibilityTimeout, QueueLimits.MaxVisibilityTimeout, nameof(visibilityTimeout));
        lock (_lock)
        {
            long now = _timeProvider.GetUtcNow().UtcTicks;
            PromoteDue(now);
            if (!_byReceiptHandle.TryGetValue(receiptHandle, out var message) || message.State != MessageState.InFlight)
            {
                return false;
            }

            message.Reschedule(now + visibilityTimeout.Ticks);
            _deadlines.Forget();
            _deadlines.Add(message);
            PromoteDue(now);
            ArmWakeTimer(now);
            return true;
        }
    }

    /// <summary>The queue's depth now.</summary>
    public QueueCounts GetCounts()
    {
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            PromoteDue(now.UtcTicks);
            var age = _arrivals.Oldest is { } oldest && now > oldest.EnqueuedAt ? now - oldest.EnqueuedAt : TimeSpan.Zero;
            return new QueueCounts(_visible, _inFlight, _delayed, age);
        }
    }

    /// <summary>Takes a message redriven from a source queue. Called with the source's lock held (source before dead-letter queue: no cycles).</summary>
    internal void AcceptDeadLetter(StoredMessage source, string sourceQueueName)
    {
        var attributes = new Dictionary<string, string>(source.Attributes, StringComparer.Ordinal)
        {
            [DeadLetterSourceQueueAttribute] = sourceQueueName,
        };

        lock (_lock)
        {
            // Deduplication is bypassed: a dead letter must never be dropped as a duplicate.
            var now = _timeProvider.GetUtcNow();
            var message = new StoredMessage(
                source.MessageId, source.Body, attributes.AsReadOnly(), source.GroupId, source.DeduplicationId,
                ++_lastSequenceNumber, sentAt: source.SentAt, enqueuedAt: now);
            Enqueue(message, now.UtcTicks, delayTicks: 0);
        }
    }

    private void ValidateSendOptions(string? groupId, string? deduplicationId, TimeSpan delay)
    {
        if (Options.Fifo)
        {
            if (groupId is null)
            {
                throw new ArgumentException($"FIFO queue '{Name}' needs a message group id.", nameof(groupId));
            }

            if (deduplicationId is null)
            {
                throw new ArgumentException($"FIFO queue '{Name}' needs a deduplication id (content-based deduplication is not supported).", nameof(deduplicationId));
            }

            QueueArguments.ValidateId(deduplicationId, nameof(deduplicationId));
            if (delay != TimeSpan.Zero)
            {
                throw new ArgumentException($"FIFO queue '{Name}' does not take a per-message delay; SQS allows a delay only per FIFO queue.", nameof(delay));
            }
        }
        else
        {
            if (deduplicationId is not null)
            {
                throw new ArgumentException($"Standard queue '{Name}' does not take a deduplication id; SQS accepts one only on FIFO queues.", nameof(deduplicationId));
            }

            QueueArguments.ThrowIfOutOfRange(delay, Options.MaxDelay, nameof(delay));
        }

        if (groupId is not null)
        {
            QueueArguments.ValidateId(groupId, nameof(groupId));
        }
    }

    private void Enqueue(StoredMessage message, long nowTicks, long delayTicks)
    {
        _arrivals.Add(message);
        if (delayTicks > 0)
        {
            message.MoveTo(MessageState.Delayed);
            message.VisibleAtTicks = nowTicks + delayTicks;
            _deadlines.Add(message);
            _delayed++;
            ArmWakeTimer(nowTicks);
            return;
        }

        message.MoveTo(MessageState.Visible);
        _visible++;
        if (_ready.Add(message))
        {
            _waiters.Wake(1);
        }
    }

    /// <summary>Makes visible every delayed or in-flight message whose time has come, waking receivers for them.</summary>
    private void PromoteDue(long nowTicks)
    {
        int receivable = 0;
        while (_deadlines.TryTakeDue(nowTicks, out var message))
        {
            bool wasDelayed = message.State == MessageState.Delayed;
            message.MoveTo(MessageState.Visible);
            _visible++;
            if (wasDelayed)
            {
                _delayed--;
                receivable += _ready.Add(message) ? 1 : 0;
            }
            else
            {
                _inFlight--;
                receivable += _ready.Release(message) ? 1 : 0;
            }
        }

        _waiters.Wake(receivable);
    }

    /// <summary>Removes a visible or in-flight message: deleted, or moved to the dead-letter queue.</summary>
    private void Remove(StoredMessage message)
    {
        bool wasInFlight = message.State == MessageState.InFlight;
        if (wasInFlight)
        {
            _inFlight--;
            _deadlines.Forget();
        }
        else
        {
            _visible--;
        }

        message.MoveTo(MessageState.Removed);
        if (message.ReceiptHandle is { } handle)
        {
            _byReceiptHandle.Remove(handle);
            message.ReceiptHandle = null;
        }

        _arrivals.Remove(message);
        if (_ready.Remove(message, wasInFlight))
        {
            _waiters.Wake(1);
        }
    }

    private static string NewReceiptHandle() =>
        Interlocked.Increment(ref s_lastReceiptHandle).ToString("x", CultureInfo.InvariantCulture);
}
