using System.Text;
using Amazon.SQS;
using Amazon.SQS.Model;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.ServiceHost;

namespace LambdaWorkflow.IntegrationTests.Sqs;

/// <summary>The reply sender with the real SQS client against fauxqs, to FIFO and standard queues.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class SqsReplySenderTests(EmulatorFixture emulators)
{
    private readonly AmazonSQSClient _sqs = emulators.Sqs;

    [Fact]
    public async Task SendAsync_FifoReplyTo_SetsGroupAndDeduplicationSoAResentReplyIsDropped()
    {
        var inbox = (await emulators.Host.CreateFifoQueueAsync(SqsTesting.UniqueName("reply-fifo"))).Queue.QueueUrl;
        var counter = new SqsRequestCounter();
        var sender = new SqsReplySender(_sqs, SqsTesting.ImmediateRetries(counter: counter));
        var reply = Completed("order-3", 2);

        await sender.SendAsync(inbox, reply);
        await sender.SendAsync(inbox, reply);

        var received = Assert.Single(await SqsTesting.DrainAsync(_sqs, inbox));
        Assert.Equal(reply, InboxMessageReader.Parse(received.Body));
        Assert.Equal("order-3", received.Attributes[MessageSystemAttributeName.MessageGroupId]);
        Assert.Equal(reply.DeduplicationId, received.Attributes[MessageSystemAttributeName.MessageDeduplicationId]);
        Assert.Equal(2, counter.Count(SqsOperations.SendMessage));
    }

    [Fact]
    public async Task SendAsync_StandardReplyTo_SendsThePlainMessage()
    {
        var queue = (await emulators.Host.CreateStandardQueueAsync(SqsTesting.UniqueName("reply-std"))).QueueUrl;
        var sender = new SqsReplySender(_sqs, SqsTesting.ImmediateRetries());
        var reply = new CallFailed
        {
            InstanceId = "order-4",
            CallId = CallIds.Create("order-4", 1),
            Error = new FailureDetails("OutOfStock", "no stock for A-1"),
        };

        await sender.SendAsync(queue, reply);

        var received = Assert.Single(await SqsTesting.DrainAsync(_sqs, queue));
        Assert.Equal(reply, InboxMessageReader.Parse(received.Body));
        Assert.False(received.Attributes.ContainsKey(MessageSystemAttributeName.MessageGroupId));
    }

    [Fact]
    public async Task SendAsync_ThrottledOnce_RetriesTheSend()
    {
        var inbox = (await emulators.Host.CreateFifoQueueAsync(SqsTesting.UniqueName("reply-throttle"))).Queue.QueueUrl;
        using var sqs = new ScriptedSqsClient(emulators.Host);
        sqs.FailNextSend(ScriptedSqsClient.Throttled());
        var counter = new SqsRequestCounter();
        var sender = new SqsReplySender(sqs, SqsTesting.ImmediateRetries(counter: counter));

        await sender.SendAsync(inbox, Completed("order-5", 1));

        Assert.Equal(2, counter.Count(SqsOperations.SendMessage));
        Assert.Single(await SqsTesting.DrainAsync(_sqs, inbox));
    }

    [Fact]
    public async Task SendAsync_QueueDoesNotExist_ThrowsNamingQueueAndReply()
    {
        var existing = (await emulators.Host.CreateStandardQueueAsync(SqsTesting.UniqueName("reply-exists"))).QueueUrl;
        var missing = SqsTesting.SiblingQueueUrl(existing, SqsTesting.UniqueName("gone"));
        var sender = new SqsReplySender(_sqs, SqsTesting.ImmediateRetries());

        var error = await Assert.ThrowsAsync<SqsException>(() => sender.SendAsync(missing, Completed("order-6", 1)));

        Assert.Equal(SqsOperations.SendMessage, error.Operation);
        Assert.Equal(missing, error.QueueUrl);
        Assert.Contains("order-6", error.FailedMessage, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task SendAsync_ReplyToIsNotAUrl_ThrowsArgumentException()
    {
        var sender = new SqsReplySender(_sqs);

        await Assert.ThrowsAsync<ArgumentException>(() => sender.SendAsync("orders-inbox", Completed("order-8", 1)));
    }

    [Fact]
    public async Task SendBatchAsync_RepliesToTwoQueues_SendsTenPerBatchRequestAndNoSingleSends()
    {
        var inbox = (await emulators.Host.CreateFifoQueueAsync(SqsTesting.UniqueName("reply-batch-fifo"))).Queue.QueueUrl;
        var other = (await emulators.Host.CreateStandardQueueAsync(SqsTesting.UniqueName("reply-batch-std"))).QueueUrl;
        var counter = new SqsRequestCounter();
        var sender = new SqsReplySender(_sqs, SqsTesting.ImmediateRetries(counter: counter));
        OutgoingReply[] replies =
        [
            .. Enumerable.Range(1, 12).Select(n => new OutgoingReply(inbox, Completed("order-" + n, 1))),
            .. Enumerable.Range(1, 3).Select(n => new OutgoingReply(other, Completed("other-" + n, 1))),
        ];

        var results = await sender.SendBatchAsync(replies);

        Assert.All(results, Assert.Null);
        Assert.Equal(3, counter.Count(SqsOperations.SendMessageBatch));
        Assert.Equal(0, counter.Count(SqsOperations.SendMessage));
        var received = await SqsTesting.DrainAsync(_sqs, inbox);
        Assert.Equal(
            Enumerable.Range(1, 12).Select(n => "order-" + n).Order(StringComparer.Ordinal),
            received.Select(m => InboxMessageReader.Parse(m.Body).InstanceId).Order(StringComparer.Ordinal));
        Assert.All(received, m => Assert.Equal(InboxMessageReader.Parse(m.Body).InstanceId, m.Attributes[MessageSystemAttributeName.MessageGroupId]));
        Assert.Equal(3, (await SqsTesting.DrainAsync(_sqs, other)).Count);
    }

    [Fact]
    public async Task SendAsync_ManyAtOnceToOneQueue_GroupCommitsThemIntoBatchRequests_EachDeliveredOnce()
    {
        var inbox = (await emulators.Host.CreateFifoQueueAsync(SqsTesting.UniqueName("reply-group"))).Queue.QueueUrl;
        var counter = new SqsRequestCounter();
        var sender = new SqsReplySender(_sqs, SqsTesting.ImmediateRetries(counter: counter));

        await Task.WhenAll(Enumerable.Range(1, 40).Select(n => Task.Run(() => sender.SendAsync(inbox, Completed("order-" + n, 1)))));

        // The first goes alone at once; those that arrive while a request is in flight share the next one.
        Assert.True(counter.Count(SqsOperations.SendMessageBatch) > 0, "No reply was group-committed.");
        Assert.InRange(counter.Count(SqsOperations.SendMessage) + counter.Count(SqsOperations.SendMessageBatch), 4, 39);
        var received = await SqsTesting.DrainAsync(_sqs, inbox);
        Assert.Equal(
            Enumerable.Range(1, 40).Select(n => "order-" + n).Order(StringComparer.Ordinal),
            received.Select(m => InboxMessageReader.Parse(m.Body).InstanceId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendBatchAsync_EntryRefused_ReportsOnlyThatReplyAndSendsTheOthers()
    {
        var inbox = (await emulators.Host.CreateFifoQueueAsync(SqsTesting.UniqueName("reply-refused"))).Queue.QueueUrl;
        using var sqs = new ScriptedSqsClient(emulators.Host);
        sqs.FailEntryOfNextBatch(1, "InvalidParameterValue", senderFault: true);
        var sender = new SqsReplySender(sqs, SqsTesting.ImmediateRetries());

        var results = await sender.SendBatchAsync([.. Enumerable.Range(1, 3).Select(n => new OutgoingReply(inbox, Completed("order-" + n, 1)))]);

        Assert.Null(results[0]);
        var error = Assert.IsType<SqsException>(results[1]);
        Assert.Equal("InvalidParameterValue", error.ErrorCode);
        Assert.Contains("order-2", error.FailedMessage, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.Null(results[2]);
        Assert.Equal(["order-1", "order-3"], (await SqsTesting.DrainAsync(_sqs, inbox)).Select(m => InboxMessageReader.Parse(m.Body).InstanceId).Order(StringComparer.Ordinal));
        Assert.Equal([2], sqs.BatchSizes);
    }

    [Fact]
    public async Task SendBatchAsync_EntryFailedOnSqsSide_SendsItAgainAlone()
    {
        var inbox = (await emulators.Host.CreateFifoQueueAsync(SqsTesting.UniqueName("reply-entry-retry"))).Queue.QueueUrl;
        using var sqs = new ScriptedSqsClient(emulators.Host);
        sqs.FailEntryOfNextBatch(0, "InternalError", senderFault: false);
        var counter = new SqsRequestCounter();
        var sender = new SqsReplySender(sqs, SqsTesting.ImmediateRetries(counter: counter));

        var results = await sender.SendBatchAsync([.. Enumerable.Range(1, 3).Select(n => new OutgoingReply(inbox, Completed("order-" + n, 1)))]);

        Assert.All(results, Assert.Null);
        Assert.Equal([2, 1], sqs.BatchSizes);
        Assert.Equal(2, counter.Count(SqsOperations.SendMessageBatch));
        Assert.Equal(3, (await SqsTesting.DrainAsync(_sqs, inbox)).Count);
    }

    [Fact]
    public async Task SendBatchAsync_EntryStillFailingAfterRetries_ReportsItTransient()
    {
        var inbox = (await emulators.Host.CreateFifoQueueAsync(SqsTesting.UniqueName("reply-entry-gone"))).Queue.QueueUrl;
        using var sqs = new ScriptedSqsClient(emulators.Host);
        for (var i = 0; i < 3; i++)
        {
            sqs.FailEntryOfNextBatch(0, "ServiceUnavailable", senderFault: false);
        }

        var sender = new SqsReplySender(sqs, SqsTesting.ImmediateRetries(maxRetryAttempts: 2));

        var results = await sender.SendBatchAsync([.. Enumerable.Range(1, 2).Select(n => new OutgoingReply(inbox, Completed("order-" + n, 1)))]);

        var error = Assert.IsType<SqsException>(results[0]);
        Assert.True(error.IsTransient);
        Assert.Contains("order-1", error.FailedMessage, StringComparison.Ordinal);
        Assert.Null(results[1]);
        Assert.Equal("order-2", InboxMessageReader.Parse(Assert.Single(await SqsTesting.DrainAsync(_sqs, inbox)).Body).InstanceId);
    }

    [Fact]
    public async Task SendBatchAsync_MissingQueueAndBadAddress_FailThoseRepliesOnly()
    {
        var inbox = (await emulators.Host.CreateFifoQueueAsync(SqsTesting.UniqueName("reply-mixed"))).Queue.QueueUrl;
        var missing = SqsTesting.SiblingQueueUrl(inbox, SqsTesting.UniqueName("gone") + ".fifo");
        var sender = new SqsReplySender(_sqs, SqsTesting.ImmediateRetries());

        var results = await sender.SendBatchAsync(
        [
            new OutgoingReply(inbox, Completed("order-1", 1)),
            new OutgoingReply(missing, Completed("order-2", 1)),
            new OutgoingReply("orders-inbox", Completed("order-3", 1)),
            new OutgoingReply(inbox, Completed("order-4", 1)),
        ]);

        Assert.Null(results[0]);
        Assert.Equal(missing, Assert.IsType<SqsException>(results[1]).QueueUrl);
        Assert.IsType<ArgumentException>(results[2]);
        Assert.Null(results[3]);
        Assert.Equal(2, (await SqsTesting.DrainAsync(_sqs, inbox)).Count);
    }

    private static CallCompleted Completed(string instanceId, int callNumber) => new()
    {
        InstanceId = instanceId,
        CallId = CallIds.Create(instanceId, callNumber),
        Attempt = 1,
        Result = new JsonPayload(Encoding.UTF8.GetBytes("""{"reservationId":"r-1"}""")),
    };
}
