using System.Text;
using Amazon.SQS;
using Amazon.SQS.Model;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.IntegrationTests.Emulators;

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

    private static CallCompleted Completed(string instanceId, int callNumber) => new()
    {
        InstanceId = instanceId,
        CallId = CallIds.Create(instanceId, callNumber),
        Attempt = 1,
        Result = new JsonPayload(Encoding.UTF8.GetBytes("""{"reservationId":"r-1"}""")),
    };
}
