using Amazon.SQS;
using Amazon.SQS.Model;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.IntegrationTests.Emulators;

namespace LambdaWorkflow.IntegrationTests.Sqs;

/// <summary>The inbox sender with the real SQS client against fauxqs.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class SqsInboxSenderTests(EmulatorFixture emulators)
{
    private readonly AmazonSQSClient _sqs = emulators.Sqs;

    [Fact]
    public async Task SendAsync_25Messages_SendsThreeBatchRequestsAndKeepsEachInstanceInOrder()
    {
        var inbox = await CreateInboxAsync("inbox-25");
        var counter = new SqsRequestCounter();
        var sender = new SqsInboxSender(_sqs, inbox, SqsTesting.ImmediateRetries(counter: counter));
        var messages = Enumerable.Range(0, 25).Select(i => SqsTesting.Event($"instance-{i % 5}", i)).ToList();

        await sender.SendAsync(messages);

        Assert.Equal(3, counter.Count(SqsOperations.SendMessageBatch));
        Assert.Equal(3, counter.Total);
        var received = await SqsTesting.DrainAsync(_sqs, inbox);
        Assert.Equal(25, received.Count);
        foreach (var group in received.GroupBy(m => m.Attributes[MessageSystemAttributeName.MessageGroupId]))
        {
            var expected = messages.Where(m => m.InstanceId == group.Key).Select(InboxMessageReader.ToJson);
            Assert.Equal(expected, group.Select(m => m.Body));
        }

        Assert.All(received, m => Assert.Equal(
            InboxMessageReader.Parse(m.Body).DeduplicationId,
            m.Attributes[MessageSystemAttributeName.MessageDeduplicationId]));
    }

    [Fact]
    public async Task SendAsync_SameMessageTwiceWithinWindow_QueueDropsTheDuplicate()
    {
        var inbox = await CreateInboxAsync("inbox-dup");
        var sender = new SqsInboxSender(_sqs, inbox, SqsTesting.ImmediateRetries());
        var message = SqsTesting.Event("order-7", 1);

        await sender.SendAsync([message]);
        await sender.SendAsync([message with { }]);

        var received = Assert.Single(await SqsTesting.DrainAsync(_sqs, inbox));
        Assert.Equal("order-7", received.Attributes[MessageSystemAttributeName.MessageGroupId]);
        Assert.Equal(message.DeduplicationId, received.Attributes[MessageSystemAttributeName.MessageDeduplicationId]);
        Assert.Equal(message, InboxMessageReader.Parse(received.Body));
    }

    [Fact]
    public async Task SendAsync_MessagesOverBatchByteLimit_SplitsBatchesBySize()
    {
        var inbox = await CreateInboxAsync("inbox-bytes");
        var counter = new SqsRequestCounter();
        var sender = new SqsInboxSender(_sqs, inbox, SqsTesting.ImmediateRetries(counter: counter));
        var payload = $"\"{new string('x', 100_000)}\"";
        var messages = Enumerable.Range(0, 3).Select(i => SqsTesting.Event($"big-{i}", i, payload)).ToList();

        await sender.SendAsync(messages);

        // Two 100 KB messages fit in 256 KiB; the third needs a second request.
        Assert.Equal(2, counter.Count(SqsOperations.SendMessageBatch));
        Assert.Equal(3, (await SqsTesting.DrainAsync(_sqs, inbox)).Count);
    }

    [Fact]
    public async Task SendAsync_MessageOverSizeLimit_ThrowsNamingTheMessageAndSendsNothing()
    {
        var inbox = await CreateInboxAsync("inbox-huge");
        var counter = new SqsRequestCounter();
        var sender = new SqsInboxSender(_sqs, inbox, SqsTesting.ImmediateRetries(counter: counter));
        var huge = SqsTesting.Event("huge-1", 1, $"\"{new string('x', 300_000)}\"");

        var error = await Assert.ThrowsAsync<SqsException>(() => sender.SendAsync([SqsTesting.Event("small-1", 1), huge]));

        Assert.Contains("huge-1", error.FailedMessage, StringComparison.Ordinal);
        Assert.Equal(SqsOperations.SendMessageBatch, error.Operation);
        Assert.Equal(inbox, error.QueueUrl);
        Assert.False(error.IsTransient);
        Assert.Equal(0, counter.Total);
    }

    [Fact]
    public async Task SendAsync_EntryFailedOnSqsSide_ResendsOnlyThatEntry()
    {
        var inbox = await CreateInboxAsync("inbox-entry");
        using var sqs = new ScriptedSqsClient(emulators.Host);
        sqs.FailEntryOfNextBatch(3, "InternalError", senderFault: false);
        var counter = new SqsRequestCounter();
        var sender = new SqsInboxSender(sqs, inbox, SqsTesting.ImmediateRetries(counter: counter));
        var messages = Enumerable.Range(0, 10).Select(i => SqsTesting.Event($"entry-{i}", i)).ToList();

        await sender.SendAsync(messages);

        Assert.Equal([9, 1], sqs.BatchSizes);
        Assert.Equal(2, counter.Count(SqsOperations.SendMessageBatch));
        var received = await SqsTesting.DrainAsync(_sqs, inbox);
        Assert.Equal(
            messages.Select(InboxMessageReader.ToJson).Order(StringComparer.Ordinal),
            received.Select(m => m.Body).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendAsync_EntryRefusedAsSenderFault_ThrowsNamingTheMessageWithoutRetrying()
    {
        var inbox = await CreateInboxAsync("inbox-refused");
        using var sqs = new ScriptedSqsClient(emulators.Host);
        sqs.FailEntryOfNextBatch(1, "InvalidParameterValue", senderFault: true);
        var counter = new SqsRequestCounter();
        var sender = new SqsInboxSender(sqs, inbox, SqsTesting.ImmediateRetries(counter: counter));

        var error = await Assert.ThrowsAsync<SqsException>(
            () => sender.SendAsync([SqsTesting.Event("ok-1", 1), SqsTesting.Event("refused-1", 2)]));

        Assert.False(error.IsTransient);
        Assert.Equal("InvalidParameterValue", error.ErrorCode);
        Assert.Contains("refused-1", error.FailedMessage, StringComparison.Ordinal);
        Assert.Contains("event|refused-1|event-2", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, counter.Total);
    }

    [Fact]
    public async Task SendAsync_ThrottledOnce_RetriesAndCountsBothRequests()
    {
        var inbox = await CreateInboxAsync("inbox-throttle");
        using var sqs = new ScriptedSqsClient(emulators.Host);
        sqs.FailNextBatch(ScriptedSqsClient.Throttled());
        var counter = new SqsRequestCounter();
        var sender = new SqsInboxSender(sqs, inbox, SqsTesting.ImmediateRetries(counter: counter));

        await sender.SendAsync([SqsTesting.Event("throttled-1", 1)]);

        Assert.Equal(2, counter.Count(SqsOperations.SendMessageBatch));
        Assert.Single(await SqsTesting.DrainAsync(_sqs, inbox));
    }

    [Fact]
    public async Task SendAsync_UnavailableThroughRetries_ThrowsTransientSqsException()
    {
        var inbox = await CreateInboxAsync("inbox-down");
        using var sqs = new ScriptedSqsClient(emulators.Host);
        for (var i = 0; i < 3; i++)
        {
            sqs.FailNextBatch(ScriptedSqsClient.ServiceUnavailable());
        }

        var counter = new SqsRequestCounter();
        var sender = new SqsInboxSender(sqs, inbox, SqsTesting.ImmediateRetries(maxRetryAttempts: 2, counter: counter));

        var error = await Assert.ThrowsAsync<SqsException>(() => sender.SendAsync([SqsTesting.Event("down-1", 1)]));

        Assert.True(error.IsTransient);
        Assert.Equal("ServiceUnavailable", error.ErrorCode);
        Assert.IsType<AmazonSQSException>(error.InnerException);
        Assert.Equal(3, counter.Total);
    }

    [Fact]
    public async Task SendAsync_QueueDoesNotExist_ThrowsNamingQueueAndOperationWithoutRetrying()
    {
        var inbox = await CreateInboxAsync("inbox-exists");
        var missing = SqsTesting.SiblingQueueUrl(inbox, SqsTesting.UniqueName("missing") + ".fifo");
        var counter = new SqsRequestCounter();
        var sender = new SqsInboxSender(_sqs, missing, SqsTesting.ImmediateRetries(counter: counter));

        var error = await Assert.ThrowsAsync<SqsException>(() => sender.SendAsync([SqsTesting.Event("lost-1", 1)]));

        Assert.Equal(missing, error.QueueUrl);
        Assert.Equal(SqsOperations.SendMessageBatch, error.Operation);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.NotNull(error.ErrorCode);
        Assert.IsAssignableFrom<AmazonSQSException>(error.InnerException);
        Assert.Equal(1, counter.Total);
    }

    [Fact]
    public void Constructor_StandardQueueUrl_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new SqsInboxSender(_sqs, "https://sqs.eu-west-1.amazonaws.com/123456789012/inbox"));

        Assert.Contains("FIFO", error.Message, StringComparison.Ordinal);
    }

    private async Task<string> CreateInboxAsync(string purpose) =>
        (await emulators.Host.CreateFifoQueueAsync(SqsTesting.UniqueName(purpose))).Queue.QueueUrl;
}
