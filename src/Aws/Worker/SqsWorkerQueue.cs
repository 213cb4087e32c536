using System.Globalization;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using LambdaWorkflow.Aws.Sqs;

namespace LambdaWorkflow.Aws.Worker;

/// <summary>The worker's SQS calls on the AWS SDK.</summary>
internal sealed class SqsWorkerQueue(IAmazonSQS sqs) : ISqsWorkerQueue
{
    public async Task<IReadOnlyList<SqsReceivedMessage>> ReceiveAsync(
        string queueUrl, int maxMessages, TimeSpan waitTime, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var response = await sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = maxMessages,
                WaitTimeSeconds = (int)waitTime.TotalSeconds,
                VisibilityTimeout = (int)Math.Ceiling(visibilityTimeout.TotalSeconds),
                MessageSystemAttributeNames = ["All"],
                MessageAttributeNames = ["All"],
            },
            cancellationToken).ConfigureAwait(false);
        return [.. (response.Messages ?? []).Select(Map)];
    }

    public Task DeleteAsync(string queueUrl, string receiptHandle, CancellationToken cancellationToken) =>
        sqs.DeleteMessageAsync(queueUrl, receiptHandle, cancellationToken);

    public async Task<IReadOnlyList<Exception?>> DeleteBatchAsync(string queueUrl, IReadOnlyList<string> receiptHandles, CancellationToken cancellationToken)
    {
        var response = await sqs.DeleteMessageBatchAsync(
            new DeleteMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = [.. receiptHandles.Select((handle, i) => new DeleteMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), handle))],
            },
            cancellationToken).ConfigureAwait(false);
        return EntryResults(SqsOperations.DeleteMessageBatch, queueUrl, receiptHandles.Count, response.Failed);
    }

    public Task ChangeVisibilityAsync(string queueUrl, string receiptHandle, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        sqs.ChangeMessageVisibilityAsync(
            new ChangeMessageVisibilityRequest
            {
                QueueUrl = queueUrl,
                ReceiptHandle = receiptHandle,
                VisibilityTimeout = (int)Math.Ceiling(visibilityTimeout.TotalSeconds),
            },
            cancellationToken);

    public Task SendAsync(string queueUrl, SqsOutgoing message, CancellationToken cancellationToken) =>
        sqs.SendMessageAsync(
            new SendMessageRequest
            {
                QueueUrl = queueUrl,
                MessageBody = message.Body,
                DelaySeconds = DelaySeconds(message),
                MessageGroupId = message.GroupId,
                MessageDeduplicationId = message.DeduplicationId,
                MessageAttributes = Attributes(message),
            },
            cancellationToken);

    public async Task<IReadOnlyList<Exception?>> SendBatchAsync(string queueUrl, IReadOnlyList<SqsOutgoing> messages, CancellationToken cancellationToken)
    {
        var response = await sqs.SendMessageBatchAsync(
            new SendMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = [.. messages.Select((message, i) => new SendMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), message.Body)
                {
                    DelaySeconds = DelaySeconds(message),
                    MessageGroupId = message.GroupId,
                    MessageDeduplicationId = message.DeduplicationId,
                    MessageAttributes = Attributes(message),
                })],
            },
            cancellationToken).ConfigureAwait(false);
        return EntryResults(SqsOperations.SendMessageBatch, queueUrl, messages.Count, response.Failed);
    }

    public async Task<string?> FindDeadLetterQueueUrlAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var attributes = await sqs.GetQueueAttributesAsync(
            new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = ["RedrivePolicy"] }, cancellationToken).ConfigureAwait(false);
        if (attributes.Attributes is null || !attributes.Attributes.TryGetValue("RedrivePolicy", out var policy) || string.IsNullOrEmpty(policy))
        {
            return null;
        }

        using var document = JsonDocument.Parse(policy);
        if (!document.RootElement.TryGetProperty("deadLetterTargetArn", out var arn) || arn.GetString() is not { } target)
        {
            return null;
        }

        var name = target[(target.LastIndexOf(':') + 1)..];
        return (await sqs.GetQueueUrlAsync(name, cancellationToken).ConfigureAwait(false)).QueueUrl;
    }

    private static int? DelaySeconds(SqsOutgoing message) =>
        message.Delay > TimeSpan.Zero ? (int)Math.Ceiling(message.Delay.TotalSeconds) : null;

    private static Dictionary<string, MessageAttributeValue>? Attributes(SqsOutgoing message) =>
        message.Attributes?.ToDictionary(a => a.Key, a => new MessageAttributeValue { DataType = "String", StringValue = a.Value }, StringComparer.Ordinal);

    /// <summary>One entry per request entry (ids are the indexes): null when it succeeded, else SQS's reason.</summary>
    private static Exception?[] EntryResults(string operation, string queueUrl, int count, List<BatchResultErrorEntry>? failed)
    {
        var results = new Exception?[count];
        foreach (var failure in failed ?? [])
        {
            if (int.TryParse(failure.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < count)
            {
                results[index] = new SqsException(operation, queueUrl, failure.Message ?? "no reason given", failure.Code, isTransient: failure.SenderFault != true, failedMessage: "entry " + failure.Id);
            }
        }

        return results;
    }

    private static SqsReceivedMessage Map(Message message)
    {
        var system = message.Attributes ?? [];
        var attributes = (message.MessageAttributes ?? [])
            .Where(a => a.Value.StringValue is not null)
            .ToDictionary(a => a.Key, a => a.Value.StringValue, StringComparer.Ordinal);
        return new SqsReceivedMessage(
            message.MessageId,
            message.ReceiptHandle,
            message.Body ?? string.Empty,
            system.TryGetValue("SentTimestamp", out var sent) && long.TryParse(sent, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : DateTimeOffset.UnixEpoch,
            system.TryGetValue("ApproximateReceiveCount", out var count) && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1,
            system.TryGetValue("MessageGroupId", out var group) ? group : null,
            attributes);
    }
}
