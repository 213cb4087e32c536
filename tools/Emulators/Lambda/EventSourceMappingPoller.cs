using System.Text;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace LambdaWorkflow.Emulators;

/// <summary>
/// Plays Lambda's SQS event source mapping (with <c>ReportBatchItemFailures</c>) against the emulator: receives a
/// batch, writes the SQS event JSON the way Lambda does, invokes a <c>Stream</c> entry point, deletes what the
/// response does not name, and leaves the rest for redelivery after the visibility timeout.
/// </summary>
/// <remarks>
/// Like Lambda, a response that is not valid JSON, or that names an empty or unknown <c>itemIdentifier</c>, fails
/// the whole batch; so does an exception from the function. An empty response (or no <c>batchItemFailures</c>)
/// completes it.
/// </remarks>
public sealed class EventSourceMappingPoller
{
    private static readonly TimeSpan ReceiveRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly IAmazonSQS _sqs;
    private readonly QueueAddress _queue;
    private readonly Func<Stream, Task<Stream>> _function;
    private readonly EventSourceMappingOptions _options;
    private long _falseEmptyReceives;
    private long _batches;
    private long _messagesReceived;

    /// <summary>Creates the poller.</summary>
    /// <param name="sqs">The SQS client of the emulator.</param>
    /// <param name="queue">The queue mapped (its ARN becomes each record's <c>eventSourceARN</c>).</param>
    /// <param name="function">The entry point, such as <c>new OrchestratorFunction(...).HandleAsync</c>.</param>
    /// <param name="options">Batch size, wait and redelivery settings; null for defaults.</param>
    public EventSourceMappingPoller(IAmazonSQS sqs, QueueAddress queue, Func<Stream, Task<Stream>> function, EventSourceMappingOptions? options = null)
    {
        _sqs = sqs;
        _queue = queue;
        _function = function;
        _options = options ?? new EventSourceMappingOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.BatchSize, 10);
    }

    /// <summary>
    /// Receives that came back empty well before their long-poll wait was over. The emulator wakes every waiting
    /// receive when a message arrives; SQS returns a long poll empty only when its wait expires, so on AWS these would
    /// not have been separate requests.
    /// </summary>
    public long FalseEmptyReceives => Interlocked.Read(ref _falseEmptyReceives);

    /// <summary>Receives that returned messages: each is one invocation of the function.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Messages received, redeliveries included; divided by <see cref="Batches"/>, the mean batch size.</summary>
    public long MessagesReceived => Interlocked.Read(ref _messagesReceived);

    /// <summary>Whether the mapped queue is FIFO (its name ends in <c>.fifo</c>), which SQS prices higher.</summary>
    public bool IsFifo => _queue.Name.EndsWith(".fifo", StringComparison.Ordinal);

    /// <summary>Receives one batch and, if it is not empty, invokes the function with it and settles the messages.</summary>
    /// <param name="cancellationToken">Cancels the receive; a batch once received is always settled, as Lambda does.</param>
    public async Task<PollResult> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var response = await _sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest
            {
                QueueUrl = _queue.QueueUrl,
                MaxNumberOfMessages = _options.BatchSize,
                WaitTimeSeconds = _options.WaitTimeSeconds,
                VisibilityTimeout = _options.VisibilityTimeoutSeconds,
                MessageSystemAttributeNames = ["All"],
                MessageAttributeNames = ["All"],
            },
            cancellationToken).ConfigureAwait(false);
        var messages = response.Messages ?? [];
        if (messages.Count == 0)
        {
            // A quarter of the wait is a wide margin: a woken receive returns within milliseconds.
            if (_options.WaitTimeSeconds > 0
                && System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(_options.WaitTimeSeconds * 0.75))
            {
                Interlocked.Increment(ref _falseEmptyReceives);
            }

            return PollResult.Empty;
        }

        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _messagesReceived, messages.Count);
        var eventJson = WriteEvent(messages, _queue.QueueArn, EmulatorHost.Region);
        string? responseJson = null;
        Exception? invocationError = null;
        try
        {
            using var input = new MemoryStream(eventJson, writable: false);
            var output = await _function(input).ConfigureAwait(false);
            await using (output.ConfigureAwait(false))
            {
                using var reader = new StreamReader(output, Encoding.UTF8);
                responseJson = await reader.ReadToEndAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // Whatever the function throws fails the invocation, and Lambda retries the whole batch.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            invocationError = ex;
        }

        var ids = messages.Select(m => m.MessageId).ToList();
        var failed = invocationError is null ? FailedIds(responseJson, ids) : ids;
        var succeeded = messages.Where(m => !failed.Contains(m.MessageId, StringComparer.Ordinal)).ToList();
        await DeleteAsync(succeeded, CancellationToken.None).ConfigureAwait(false);
        await ReleaseAsync(messages.Where(m => failed.Contains(m.MessageId, StringComparer.Ordinal)), CancellationToken.None).ConfigureAwait(false);
        return new PollResult(messages.Count, succeeded.Count, failed, Encoding.UTF8.GetString(eventJson), responseJson, invocationError)
        {
            Messages = messages,
        };
    }

    /// <summary>Polls until <paramref name="idlePolls"/> receives in a row come back empty; returns every batch's result.</summary>
    public async Task<IReadOnlyList<PollResult>> RunUntilIdleAsync(int idlePolls = 2, int maxPolls = 100, CancellationToken cancellationToken = default)
    {
        var results = new List<PollResult>();
        var idle = 0;
        for (var poll = 0; poll < maxPolls && idle < idlePolls; poll++)
        {
            var result = await PollOnceAsync(cancellationToken).ConfigureAwait(false);
            idle = result.Received == 0 ? idle + 1 : 0;
            if (result.Received > 0)
            {
                results.Add(result);
            }
        }

        return results;
    }

    /// <summary>
    /// Polls until <paramref name="stoppingToken"/> is cancelled, as one of the mapping's pollers does, handing each
    /// non-empty batch's result to <paramref name="observe"/>. A failed receive (the emulator busy or restarting) is
    /// reported to <paramref name="receiveFailed"/> and retried after a short pause.
    /// </summary>
    public async Task RunAsync(Action<PollResult>? observe, Action<Exception>? receiveFailed, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            PollResult result;
            try
            {
                result = await PollOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A poller outlives its errors, as Lambda's does; the observer hears of each.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                receiveFailed?.Invoke(ex);
                await Task.Delay(ReceiveRetryDelay, TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            if (result.Received > 0)
            {
                observe?.Invoke(result);
            }
        }
    }

    /// <summary>Writes the SQS event exactly as Lambda shapes it (field names and string-typed attributes).</summary>
    internal static byte[] WriteEvent(IReadOnlyList<Message> messages, string queueArn, string region)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("Records");
            foreach (var message in messages)
            {
                json.WriteStartObject();
                json.WriteString("messageId", message.MessageId);
                json.WriteString("receiptHandle", message.ReceiptHandle);
                json.WriteString("body", message.Body);
                json.WriteStartObject("attributes");
                foreach (var (name, value) in message.Attributes ?? [])
                {
                    json.WriteString(name, value);
                }

                json.WriteEndObject();
                json.WriteStartObject("messageAttributes");
                foreach (var (name, value) in message.MessageAttributes ?? [])
                {
                    json.WriteStartObject(name);
                    if (value.StringValue is not null)
                    {
                        json.WriteString("stringValue", value.StringValue);
                    }

                    if (value.BinaryValue is not null)
                    {
                        json.WriteBase64String("binaryValue", value.BinaryValue.ToArray());
                    }

                    json.WriteStartArray("stringListValues");
                    json.WriteEndArray();
                    json.WriteStartArray("binaryListValues");
                    json.WriteEndArray();
                    json.WriteString("dataType", value.DataType);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteString("md5OfBody", message.MD5OfBody);
                if (message.MD5OfMessageAttributes is not null)
                {
                    json.WriteString("md5OfMessageAttributes", message.MD5OfMessageAttributes);
                }

                json.WriteString("eventSource", "aws:sqs");
                json.WriteString("eventSourceARN", queueArn);
                json.WriteString("awsRegion", region);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The ids the response names; every id when the response is unreadable or names one not in the batch.</summary>
    internal static IReadOnlyList<string> FailedIds(string? responseJson, IReadOnlyList<string> batchIds)
    {
        if (string.IsNullOrWhiteSpace(responseJson))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(responseJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("batchItemFailures", out var failures)
                || failures.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            var ids = new List<string>();
            foreach (var failure in failures.EnumerateArray())
            {
                var id = failure.TryGetProperty("itemIdentifier", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                if (string.IsNullOrEmpty(id) || !batchIds.Contains(id, StringComparer.Ordinal))
                {
                    return batchIds;
                }

                ids.Add(id);
            }

            return ids;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return batchIds;
        }
    }

    private async Task DeleteAsync(List<Message> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        var response = await _sqs.DeleteMessageBatchAsync(
            new DeleteMessageBatchRequest
            {
                QueueUrl = _queue.QueueUrl,
                Entries = [.. messages.Select((m, i) => new DeleteMessageBatchRequestEntry("d" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ReceiptHandle))],
            },
            cancellationToken).ConfigureAwait(false);
        if (response.Failed is { Count: > 0 } failed)
        {
            throw new InvalidOperationException($"The emulator failed to delete {failed.Count} messages: {failed[0].Code} {failed[0].Message}");
        }
    }

    private async Task ReleaseAsync(IEnumerable<Message> failed, CancellationToken cancellationToken)
    {
        // Lambda leaves them invisible until the visibility timeout ends; tests may shorten that wait.
        if (_options.RedeliveryDelaySeconds is not { } delay)
        {
            return;
        }

        foreach (var message in failed)
        {
            await _sqs.ChangeMessageVisibilityAsync(_queue.QueueUrl, message.ReceiptHandle, delay, cancellationToken).ConfigureAwait(false);
        }
    }
}
