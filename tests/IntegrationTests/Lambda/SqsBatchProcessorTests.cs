using System.Text;
using Amazon.SQS;
using LambdaWorkflow.Aws.Lambda;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Contracts.Lambda;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.IntegrationTests.Sqs;
using LambdaWorkflow.Local.State;
using LambdaWorkflow.Orchestrator;
using static LambdaWorkflow.IntegrationTests.Lambda.LambdaTesting;

namespace LambdaWorkflow.IntegrationTests.Lambda;

/// <summary>The batch processor: records to messages, outcomes to the partial batch response, dead letters to a real queue.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class SqsBatchProcessorTests(EmulatorFixture emulators)
{
    private readonly AmazonSQSClient _sqs = emulators.Sqs;

    [Fact]
    public async Task ProcessAsync_OneMalformedInboxRecord_DeadLettersOnlyItAndCompletesTheOthers()
    {
        var dlq = (await emulators.Host.CreateFifoQueueAsync(SqsTesting.UniqueName("inbox-dlq"))).Queue.QueueUrl;
        var publisher = new RecordingPublisher();
        var orchestrator = new WorkflowOrchestrator(GreeterWorkflow.Registry(), new InMemoryWorkflowStateStore(), publisher, "https://sqs.us-east-1.amazonaws.com/123456789012/orders-inbox.fifo");
        var processor = new SqsBatchProcessor(orchestrator.HandleBatchAsync, new SqsDeadLetterSink(_sqs, dlq, SqsTesting.ImmediateRetries()));
        var sqsEvent = await ReadEventAsync(Event(
            Record("m-1", InboxMessageReader.ToJson(GreeterWorkflow.Start("i-1", "Ada")), group: "i-1"),
            Record("m-2", "{not json", group: "i-2"),
            Record("m-3", InboxMessageReader.ToJson(GreeterWorkflow.Start("i-3", "Grace")), group: "i-3")));

        var response = await processor.ProcessAsync(sqsEvent);

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(["i-1", "i-3"], publisher.Published.Select(c => c.InstanceId).Order(StringComparer.Ordinal));
        var deadLetter = Assert.Single(await SqsTesting.DrainAsync(_sqs, dlq));
        Assert.Equal("{not json", deadLetter.Body);
        Assert.Contains("JSON", deadLetter.MessageAttributes[DeadLetterAttributes.Reason].StringValue, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("m-2", deadLetter.MessageAttributes[DeadLetterAttributes.OriginalMessageId].StringValue);
        Assert.Equal(FifoArn, deadLetter.MessageAttributes[DeadLetterAttributes.SourceQueue].StringValue);
        Assert.Equal("i-2", deadLetter.Attributes["MessageGroupId"]);
    }

    [Fact]
    public async Task ProcessAsync_RetryInFifoGroup_FailsTheLaterRecordsOfThatGroupOnly()
    {
        var processor = new SqsBatchProcessor(Scripted(new Dictionary<string, MessageDisposition> { ["a-2"] = MessageDisposition.Retry }));
        var sqsEvent = await ReadEventAsync(Event(
            Record("a-1", "{}", group: "a"),
            Record("b-1", "{}", group: "b"),
            Record("a-2", "{}", group: "a"),
            Record("b-2", "{}", group: "b"),
            Record("a-3", "{}", group: "a"),
            Record("c-1", "{}", group: "c")));

        var response = await processor.ProcessAsync(sqsEvent);

        Assert.Equal(["a-2", "a-3"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
    }

    [Fact]
    public async Task ProcessAsync_RetryOnStandardQueue_FailsOnlyThatRecord()
    {
        var processor = new SqsBatchProcessor(Scripted(new Dictionary<string, MessageDisposition> { ["s-2"] = MessageDisposition.Retry }));
        var sqsEvent = await ReadEventAsync(Event(
            Record("s-1", "{}", arn: StandardArn),
            Record("s-2", "{}", arn: StandardArn),
            Record("s-3", "{}", arn: StandardArn)));

        var response = await processor.ProcessAsync(sqsEvent);

        Assert.Equal(["s-2"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
    }

    [Fact]
    public async Task ProcessAsync_DeadLetterQueueUnreachable_ReportsItFailedAndHoldsItsGroup()
    {
        var existing = (await emulators.Host.CreateStandardQueueAsync(SqsTesting.UniqueName("exists"))).QueueUrl;
        var missing = SqsTesting.SiblingQueueUrl(existing, SqsTesting.UniqueName("no-dlq"));
        var processor = new SqsBatchProcessor(
            Scripted(new Dictionary<string, MessageDisposition> { ["a-1"] = MessageDisposition.DeadLetter }),
            new SqsDeadLetterSink(_sqs, missing, SqsTesting.ImmediateRetries()));
        var sqsEvent = await ReadEventAsync(Event(
            Record("a-1", "{}", group: "a"),
            Record("b-1", "{}", group: "b"),
            Record("a-2", "{}", group: "a")));

        var response = await processor.ProcessAsync(sqsEvent);

        Assert.Equal(["a-1", "a-2"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
    }

    [Fact]
    public async Task ProcessAsync_NoDeadLetterSink_ReportsTheDeadLetterFailed()
    {
        var processor = new SqsBatchProcessor(Scripted(new Dictionary<string, MessageDisposition> { ["s-1"] = MessageDisposition.DeadLetter }));

        var response = await processor.ProcessAsync(await ReadEventAsync(Event(Record("s-1", "{}", arn: StandardArn), Record("s-2", "{}", arn: StandardArn))));

        Assert.Equal(["s-1"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
    }

    [Fact]
    public async Task ProcessAsync_HeldBackDeadLetter_IsNotSentToTheDeadLetterQueue()
    {
        var dlq = (await emulators.Host.CreateStandardQueueAsync(SqsTesting.UniqueName("held-dlq"))).QueueUrl;
        var processor = new SqsBatchProcessor(
            Scripted(new Dictionary<string, MessageDisposition> { ["a-1"] = MessageDisposition.Retry, ["a-2"] = MessageDisposition.DeadLetter }),
            new SqsDeadLetterSink(_sqs, dlq, SqsTesting.ImmediateRetries()));

        var response = await processor.ProcessAsync(await ReadEventAsync(Event(Record("a-1", "{}", group: "a"), Record("a-2", "{}", group: "a"))));

        // a-2 comes back after a-1 and is judged again then; dead-lettering it now would store it twice.
        Assert.Equal(["a-1", "a-2"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Empty(await SqsTesting.DrainAsync(_sqs, dlq));
    }

    [Fact]
    public async Task ProcessAsync_RecordWithoutSentTimestamp_DeadLettersItWithoutCallingTheHandler()
    {
        var dlq = (await emulators.Host.CreateStandardQueueAsync(SqsTesting.UniqueName("attr-dlq"))).QueueUrl;
        var seen = new List<QueueMessage>();
        var processor = new SqsBatchProcessor(Scripted(new Dictionary<string, MessageDisposition>(), seen), new SqsDeadLetterSink(_sqs, dlq, SqsTesting.ImmediateRetries()));
        var broken = Record("s-1", "body-1", arn: StandardArn).Replace("\"SentTimestamp\":\"1767225600000\"", "\"SentTimestamp\":\"yesterday\"", StringComparison.Ordinal);

        var response = await processor.ProcessAsync(await ReadEventAsync(Event(broken, Record("s-2", "body-2", arn: StandardArn))));

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(["s-2"], seen.Select(m => m.MessageId));
        var deadLetter = Assert.Single(await SqsTesting.DrainAsync(_sqs, dlq));
        Assert.Equal("body-1", deadLetter.Body);
        Assert.Contains("SentTimestamp", deadLetter.MessageAttributes[DeadLetterAttributes.Reason].StringValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_HandlerReturnsTooFewOutcomes_ThrowsSoTheBatchIsRetried()
    {
        var processor = new SqsBatchProcessor((_, _) => Task.FromResult<IReadOnlyList<MessageOutcome>>([]));
        var sqsEvent = await ReadEventAsync(Event(Record("s-1", "{}")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => processor.ProcessAsync(sqsEvent));

        Assert.Contains("one per message", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToQueueMessage_LambdaRecord_MapsBodySentAtReceiveCountAndGroup()
    {
        var sqsEvent = await ReadEventAsync(Event(Record("m-9", "héllo", group: "i-9", receiveCount: 3)));

        var message = SqsEventReader.ToQueueMessage(sqsEvent.Records[0]);

        Assert.Equal("m-9", message.MessageId);
        Assert.Equal("héllo", Encoding.UTF8.GetString(message.Body.Span));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), message.SentAt);
        Assert.Equal(3, message.ReceiveCount);
        Assert.Equal("i-9", message.GroupId);
        Assert.True(SqsEventReader.IsFifo(sqsEvent));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("""{"Records":[]}""")]
    [InlineData("""{"Records":null}""")]
    [InlineData("""{"Records":[{"body":"no id"}]}""")]
    [InlineData("""{"Records":"nope"}""")]
    public async Task ReadAsync_NotAnSqsEvent_ThrowsSqsEventFormatException(string payload)
    {
        var error = await Assert.ThrowsAsync<SqsEventFormatException>(() => SqsEventReader.ReadAsync(Utf8(payload)));

        Assert.Contains("SQS event", error.Message, StringComparison.Ordinal);
    }

    private static Task<SqsEvent> ReadEventAsync(string json) => SqsEventReader.ReadAsync(Utf8(json));
}
