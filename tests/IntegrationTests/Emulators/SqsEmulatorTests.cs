using Amazon.SQS;
using Amazon.SQS.Model;

namespace LambdaWorkflow.IntegrationTests.Emulators;

/// <summary>The real SQS SDK client against fauxqs: the queue behaviour the runtime relies on.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class SqsEmulatorTests(EmulatorFixture emulators)
{
    private readonly AmazonSQSClient _sqs = emulators.Sqs;

    [Fact]
    public async Task SendMessage_FifoWithDuplicateDeduplicationId_DeliversOnceAndDeleteEmptiesQueue()
    {
        var queue = (await emulators.Host.CreateFifoQueueAsync(UniqueName("send"))).Queue.QueueUrl;

        var sent = await _sqs.SendMessageAsync(FifoMessage(queue, "order-1", group: "instance-1", deduplicationId: "command-1"));
        await _sqs.SendMessageAsync(FifoMessage(queue, "order-1 again", group: "instance-1", deduplicationId: "command-1"));

        var message = Assert.Single(await ReceiveAsync(queue));
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal("order-1", message.Body);
        Assert.Equal("instance-1", message.Attributes[MessageSystemAttributeName.MessageGroupId]);
        Assert.Equal("command-1", message.Attributes[MessageSystemAttributeName.MessageDeduplicationId]);
        Assert.False(string.IsNullOrEmpty(sent.SequenceNumber));

        await _sqs.DeleteMessageAsync(queue, message.ReceiptHandle);

        // The second send was dropped as a duplicate, so nothing is left once the first is deleted.
        Assert.Empty(await ReceiveAsync(queue));
        var depth = await _sqs.GetQueueAttributesAsync(queue, ["All"]);
        Assert.Equal(0, depth.ApproximateNumberOfMessages);
        Assert.Equal(0, depth.ApproximateNumberOfMessagesNotVisible);
    }

    [Fact]
    public async Task SendMessageBatch_TenEntriesToStandardQueue_AllSucceedAndAreReceived()
    {
        var queue = (await emulators.Host.CreateStandardQueueAsync(UniqueName("batch"))).QueueUrl;
        var bodies = Enumerable.Range(0, 10).Select(i => $"body-{i}").ToList();

        var response = await _sqs.SendMessageBatchAsync(new SendMessageBatchRequest
        {
            QueueUrl = queue,
            Entries = bodies.Select((body, i) => new SendMessageBatchRequestEntry($"entry-{i}", body)).ToList(),
        });

        Assert.Equal(10, response.Successful.Count);
        Assert.True(response.Failed is null or { Count: 0 });
        var received = await DrainAsync(queue, expected: 10);
        Assert.Equal(bodies.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendMessageBatch_TenEntriesInOneFifoGroup_ReceivedInSendOrder()
    {
        var queue = (await emulators.Host.CreateFifoQueueAsync(UniqueName("order"))).Queue.QueueUrl;
        var bodies = Enumerable.Range(0, 10).Select(i => $"event-{i}").ToList();

        var response = await _sqs.SendMessageBatchAsync(new SendMessageBatchRequest
        {
            QueueUrl = queue,
            Entries = bodies.Select((body, i) => new SendMessageBatchRequestEntry($"entry-{i}", body)
            {
                MessageGroupId = "instance-7",
                MessageDeduplicationId = $"dedup-{i}",
            }).ToList(),
        });

        Assert.Equal(10, response.Successful.Count);
        Assert.Equal(bodies, await DrainAsync(queue, expected: 10));
    }

    [Fact]
    public async Task ReceiveMessage_BeyondMaxReceiveCount_MovesMessageToDeadLetterQueue()
    {
        var queues = await emulators.Host.CreateFifoQueueAsync(UniqueName("redrive"), maxReceiveCount: 2);
        var queue = queues.Queue.QueueUrl;
        await _sqs.SendMessageAsync(FifoMessage(queue, "poison", group: "instance-9", deduplicationId: "command-9"));

        // Each receive with a zero visibility timeout counts as a failed attempt and frees the message at once.
        for (var attempt = 1; attempt <= queues.MaxReceiveCount; attempt++)
        {
            var message = Assert.Single(await ReceiveAsync(queue, visibilityTimeout: 0));
            Assert.Equal(attempt.ToString(System.Globalization.CultureInfo.InvariantCulture), message.Attributes[MessageSystemAttributeName.ApproximateReceiveCount]);
        }

        Assert.Empty(await ReceiveAsync(queue, visibilityTimeout: 0));
        var deadLetter = Assert.Single(await ReceiveAsync(queues.DeadLetterQueue.QueueUrl));
        Assert.Equal("poison", deadLetter.Body);
    }

    [Fact]
    public async Task GetQueueAttributes_AfterSendsAndOneReceive_ReportsVisibleAndInFlightCounts()
    {
        var queue = (await emulators.Host.CreateStandardQueueAsync(UniqueName("depth"))).QueueUrl;
        for (var i = 0; i < 3; i++)
        {
            await _sqs.SendMessageAsync(queue, $"message-{i}");
        }

        var beforeReceive = await _sqs.GetQueueAttributesAsync(queue, ["All"]);
        Assert.Single(await ReceiveAsync(queue, maxMessages: 1));
        var afterReceive = await _sqs.GetQueueAttributesAsync(queue, ["All"]);

        Assert.Equal(3, beforeReceive.ApproximateNumberOfMessages);
        Assert.Equal(0, beforeReceive.ApproximateNumberOfMessagesNotVisible);
        Assert.Equal(2, afterReceive.ApproximateNumberOfMessages);
        Assert.Equal(1, afterReceive.ApproximateNumberOfMessagesNotVisible);
    }

    private static string UniqueName(string purpose) => $"{purpose}-{Guid.NewGuid():N}";

    private static SendMessageRequest FifoMessage(string queueUrl, string body, string group, string deduplicationId) => new()
    {
        QueueUrl = queueUrl,
        MessageBody = body,
        MessageGroupId = group,
        MessageDeduplicationId = deduplicationId,
    };

    /// <summary>One receive without waiting; SDK v4 returns a null list when there are no messages.</summary>
    private async Task<List<Message>> ReceiveAsync(string queueUrl, int maxMessages = 10, int? visibilityTimeout = null)
    {
        var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queueUrl,
            MaxNumberOfMessages = maxMessages,
            VisibilityTimeout = visibilityTimeout,
            WaitTimeSeconds = 0,
            MessageSystemAttributeNames = ["All"],
        });
        return response.Messages ?? [];
    }

    /// <summary>Receives and deletes until <paramref name="expected"/> bodies arrived, in arrival order.</summary>
    private async Task<List<string>> DrainAsync(string queueUrl, int expected)
    {
        var bodies = new List<string>();
        for (var call = 0; call < expected * 2 && bodies.Count < expected; call++)
        {
            foreach (var message in await ReceiveAsync(queueUrl))
            {
                bodies.Add(message.Body);
                await _sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
            }
        }

        return bodies;
    }
}
