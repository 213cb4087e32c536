using System.Text;
using Amazon.SQS;
using Amazon.SQS.Model;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.IntegrationTests.Emulators;

namespace LambdaWorkflow.IntegrationTests.Sqs;

/// <summary>The dead-letter sink with the real SQS client against fauxqs: body kept, reason readable on receive.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class SqsDeadLetterSinkTests(EmulatorFixture emulators)
{
    private const string SourceArn = "arn:aws:sqs:us-east-1:000000000000:orders-inbox.fifo";
    private readonly AmazonSQSClient _sqs = emulators.Sqs;

    [Fact]
    public async Task SendAsync_StandardQueue_KeepsBodyAndRecordsReasonSourceAndOriginalId()
    {
        var dlq = (await emulators.Host.CreateStandardQueueAsync(SqsTesting.UniqueName("dlq-std"))).QueueUrl;
        var sink = new SqsDeadLetterSink(_sqs, dlq, SqsTesting.ImmediateRetries());
        var message = Message("msg-1", """{"type":"Bogus","instanceId":"order-1"}""");

        await sink.SendAsync(message, "Field 'type' has unknown value 'Bogus'", SourceArn);

        var received = Assert.Single(await SqsTesting.DrainAsync(_sqs, dlq));
        Assert.Equal("""{"type":"Bogus","instanceId":"order-1"}""", received.Body);
        Assert.Equal("Field 'type' has unknown value 'Bogus'", received.MessageAttributes[DeadLetterAttributes.Reason].StringValue);
        Assert.Equal(SourceArn, received.MessageAttributes[DeadLetterAttributes.SourceQueue].StringValue);
        Assert.Equal("msg-1", received.MessageAttributes[DeadLetterAttributes.OriginalMessageId].StringValue);
        Assert.Equal("String", received.MessageAttributes[DeadLetterAttributes.Reason].DataType);
    }

    [Fact]
    public async Task SendAsync_FifoQueueTwice_KeepsGroupAndStoresTheDeliveryOnce()
    {
        var dlq = (await emulators.Host.CreateFifoQueueAsync(SqsTesting.UniqueName("dlq-fifo"))).Queue.QueueUrl;
        var sink = new SqsDeadLetterSink(_sqs, dlq, SqsTesting.ImmediateRetries());
        var message = Message("msg-2", "not json", group: "order-2");

        await sink.SendAsync(message, "malformed", SourceArn);
        await sink.SendAsync(message, "malformed", SourceArn);

        var received = Assert.Single(await SqsTesting.DrainAsync(_sqs, dlq));
        Assert.Equal("not json", received.Body);
        Assert.Equal("order-2", received.Attributes[MessageSystemAttributeName.MessageGroupId]);
    }

    [Fact]
    public async Task SendAsync_FifoQueueMessageWithoutGroup_UsesTheDeadLettersGroup()
    {
        var dlq = (await emulators.Host.CreateFifoQueueAsync(SqsTesting.UniqueName("dlq-nogroup"))).Queue.QueueUrl;
        var sink = new SqsDeadLetterSink(_sqs, dlq, SqsTesting.ImmediateRetries());

        await sink.SendAsync(Message("msg-3", "{}"), "poison", sourceQueue: null);

        var received = Assert.Single(await SqsTesting.DrainAsync(_sqs, dlq));
        Assert.Equal(SqsDeadLetterSink.DefaultGroupId, received.Attributes[MessageSystemAttributeName.MessageGroupId]);
        Assert.False(received.MessageAttributes.ContainsKey(DeadLetterAttributes.SourceQueue));
    }

    [Fact]
    public async Task SendAsync_LongReason_IsCutToTheMaximumLength()
    {
        var dlq = (await emulators.Host.CreateStandardQueueAsync(SqsTesting.UniqueName("dlq-long"))).QueueUrl;
        var sink = new SqsDeadLetterSink(_sqs, dlq, SqsTesting.ImmediateRetries());

        await sink.SendAsync(Message("msg-4", "{}"), new string('r', 5000), SourceArn);

        var reason = Assert.Single(await SqsTesting.DrainAsync(_sqs, dlq)).MessageAttributes[DeadLetterAttributes.Reason].StringValue;
        Assert.Equal(SqsDeadLetterSink.MaxReasonLength, reason.Length);
        Assert.EndsWith("…", reason, StringComparison.Ordinal);
    }

    private static QueueMessage Message(string id, string body, string? group = null) =>
        new(id, Encoding.UTF8.GetBytes(body), DateTimeOffset.UnixEpoch, 1, group);
}
