using System.Text;
using LambdaWorkflow.Aws.Lambda;
using LambdaWorkflow.Contracts.Lambda;
using LambdaWorkflow.Contracts.Messages;

namespace LambdaWorkflow.UnitTests.BadInput;

/// <summary>
/// Hostile records through the Lambda layer: the SQS event goes to <see cref="SqsBatchProcessor"/>, then to the
/// orchestrator. A record that cannot be processed lands in the dead-letter sink with its reason and original body,
/// and is not reported failed; the good records around it complete.
/// </summary>
public sealed class LambdaBadInputTests
{
    private const string InboxArn = "arn:aws:sqs:eu-west-1:123456789012:lwf-inbox.fifo";

    private static readonly Dictionary<string, string> GoodAttributes = new(StringComparer.Ordinal)
    {
        [SqsEventReader.SentTimestamp] = "1767225600000",
        [SqsEventReader.ApproximateReceiveCount] = "1",
        [SqsEventReader.MessageGroupId] = "b",
    };

    private static readonly Dictionary<string, (SqsMessageRecord Record, string Reason)> Cases = new(StringComparer.Ordinal)
    {
        ["body is not JSON"] = (Record("<Envelope/>"), "Field '$' is not valid JSON"),
        ["body is null"] = (Record(null), "Field '$' is not valid JSON"),
        ["body is a JSON string holding the message"] = (Record("\"{\\\"type\\\":\\\"CancelRequested\\\",\\\"instanceId\\\":\\\"b\\\"}\""), "Field '$' must be a JSON object"),
        ["no attributes"] = (Record("{}") with { Attributes = null }, "has no valid 'SentTimestamp' attribute"),
        ["SentTimestamp not a number"] = (Record("{}", (SqsEventReader.SentTimestamp, "yesterday")), "has no valid 'SentTimestamp' attribute"),
        ["SentTimestamp past the calendar"] = (Record("{}", (SqsEventReader.SentTimestamp, "999999999999999999")), "has no valid 'SentTimestamp' attribute"),
        ["ApproximateReceiveCount missing"] = (Record("{}", (SqsEventReader.ApproximateReceiveCount, null)), "has no valid 'ApproximateReceiveCount' attribute"),
        ["ApproximateReceiveCount zero"] = (Record("{}", (SqsEventReader.ApproximateReceiveCount, "0")), "has no valid 'ApproximateReceiveCount' attribute"),
        ["result for an unknown instance"] = (Record("""{"type":"CallCompleted","instanceId":"ghost","callId":"ghost#0","result":1}"""), "names instance 'ghost', which does not exist"),
    };

    public static TheoryData<string> Names
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (var name in Cases.Keys)
            {
                names.Add(name);
            }

            return names;
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task ProcessAsync_HostileRecord_IsDeadLetteredWithReasonAndTheOthersComplete(string name)
    {
        var (hostile, reason) = Cases[name];
        var batch = new InboxBatch();
        var deadLetters = new RecordingDeadLetterSink();
        var processor = new SqsBatchProcessor(batch.Orchestrator.HandleBatchAsync, deadLetters);
        var sqsEvent = new SqsEvent
        {
            // The hostile record sits in the message group of the good one after it: a dead letter holds nothing back.
            Records = [Good("good-a", "a"), hostile, Good("good-b", "b")],
        };

        var response = await processor.ProcessAsync(sqsEvent);

        Assert.Empty(response.BatchItemFailures);
        var letter = Assert.Single(deadLetters.Letters);
        Assert.Equal(("hostile", hostile.Body ?? string.Empty, InboxArn), (letter.MessageId, letter.Body, letter.SourceQueue));
        Assert.Contains(reason, letter.Reason, StringComparison.Ordinal);
        Assert.Equal(["a#0", "b#0"], batch.Publisher.Published.Select(c => c.CallId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("not json", "it is not valid JSON of that shape")]
    [InlineData("null", "it is the JSON literal null")]
    [InlineData("{}", "it has no 'Records'")]
    [InlineData("""{"Records":"all of them"}""", "it is not valid JSON of that shape")]
    [InlineData("""{"Records":[{"messageId":"m-1","body":"{}"},{"body":"{}"}]}""", "Record 1 of the SQS event has no 'messageId'")]
    public async Task ProcessAsync_InvocationThatIsNotAnSqsEvent_ThrowsTypedErrorAndProcessesNothing(string payload, string reason)
    {
        // Lambda's event source mapping never sends these; failing the invocation makes Lambda retry it whole,
        // and nothing is deleted, since no record could be answered by its id.
        var batch = new InboxBatch();
        var deadLetters = new RecordingDeadLetterSink();
        var processor = new SqsBatchProcessor(batch.Orchestrator.HandleBatchAsync, deadLetters);
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(payload));

        var error = await Assert.ThrowsAsync<SqsEventFormatException>(() => processor.ProcessAsync(input));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Empty(deadLetters.Letters);
        Assert.Empty(batch.Publisher.Published);
    }

    private static SqsMessageRecord Good(string messageId, string instanceId) => new()
    {
        MessageId = messageId,
        Body = InboxMessageReader.ToJson(InboxBatch.Start(instanceId, "sequential", "1")),
        Attributes = new Dictionary<string, string>(GoodAttributes) { [SqsEventReader.MessageGroupId] = instanceId },
        EventSourceArn = InboxArn,
    };

    private static SqsMessageRecord Record(string? body, (string Name, string? Value) attribute = default)
    {
        var attributes = new Dictionary<string, string>(GoodAttributes);
        if (attribute.Name is not null)
        {
            if (attribute.Value is null)
            {
                attributes.Remove(attribute.Name);
            }
            else
            {
                attributes[attribute.Name] = attribute.Value;
            }
        }

        return new SqsMessageRecord { MessageId = "hostile", Body = body!, Attributes = attributes, EventSourceArn = InboxArn };
    }
}
