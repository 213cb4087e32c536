using Amazon.SQS;
using Amazon.SQS.Model;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;

namespace LambdaWorkflow.IntegrationTests.Sqs;

/// <summary>Queue names, messages, adapter options and receive helpers shared by the SQS and Lambda tests.</summary>
internal static class SqsTesting
{
    public static string UniqueName(string purpose) => $"{purpose}-{Guid.NewGuid():N}";

    /// <summary>Adapter options that retry at once, so tests never sleep.</summary>
    public static SqsAdapterOptions ImmediateRetries(int maxRetryAttempts = 3, SqsRequestCounter? counter = null) => new()
    {
        Retry = new SqsRetryOptions { MaxRetryAttempts = maxRetryAttempts, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
        RequestCounter = counter ?? new SqsRequestCounter(),
    };

    public static EventRaised Event(string instanceId, int number, string payload = "{}") => new()
    {
        InstanceId = instanceId,
        EventName = "progress",
        EventId = "event-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Payload = JsonPayload.Parse(payload),
    };

    /// <summary>The URL a queue of that name would have, for calls to a queue that does not exist.</summary>
    public static string SiblingQueueUrl(string existingQueueUrl, string name) =>
        existingQueueUrl[..(existingQueueUrl.LastIndexOf('/') + 1)] + name;

    /// <summary>One receive without waiting, with every system and message attribute; SDK v4 gives null for none.</summary>
    public static async Task<List<Message>> ReceiveAsync(IAmazonSQS sqs, string queueUrl, int maxMessages = 10)
    {
        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queueUrl,
            MaxNumberOfMessages = maxMessages,
            WaitTimeSeconds = 0,
            MessageSystemAttributeNames = ["All"],
            MessageAttributeNames = ["All"],
        });
        return response.Messages ?? [];
    }

    /// <summary>Receives and deletes until the queue gives nothing more (or <paramref name="limit"/> calls), in arrival order.</summary>
    public static async Task<List<Message>> DrainAsync(IAmazonSQS sqs, string queueUrl, int limit = 100)
    {
        var drained = new List<Message>();
        for (var call = 0; call < limit; call++)
        {
            var received = await ReceiveAsync(sqs, queueUrl);
            if (received.Count == 0)
            {
                break;
            }

            foreach (var message in received)
            {
                drained.Add(message);
                await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
            }
        }

        return drained;
    }
}
