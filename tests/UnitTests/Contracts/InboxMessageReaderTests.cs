using System.Text.Json;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Lambda;
using LambdaWorkflow.Contracts.Messages;

namespace LambdaWorkflow.UnitTests.Contracts;

public sealed class InboxMessageReaderTests
{
    [Fact]
    public void Parse_EveryMessageType_RoundTripsThroughJson()
    {
        InboxMessage[] messages =
        [
            new StartWorkflow { InstanceId = "i-1", Workflow = "order", Input = JsonPayload.Parse("{\"a\":[1,2]}") },
            new CallCompleted { InstanceId = "i-1", CallId = "i-1#3", Attempt = 2, Result = JsonPayload.Parse("\"ok\"") },
            new CallFailed { InstanceId = "i-1", CallId = "i-1#0", Error = new FailureDetails("PaymentDeclined", "no") },
            new TimerFired { InstanceId = "i-1", TimerId = "i-1#4", FireAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) },
            new EventRaised { InstanceId = "i-1", EventName = "approved", EventId = "e-9", Payload = JsonPayload.Parse("true") },
            new CancelRequested { InstanceId = "i-1", Reason = "user" },
            new ResumeRequested { InstanceId = "i-1", RequestId = "r-1", Reason = "fixed" },
            new CallCompleted { InstanceId = "i-1", CallId = "i-1#2.0", Result = JsonPayload.Parse("1") },
        ];

        foreach (var message in messages)
        {
            var json = InboxMessageReader.ToJson(message);
            Assert.StartsWith($"{{\"type\":\"{message.Type}\",\"instanceId\":\"i-1\"", json, StringComparison.Ordinal);
            Assert.Equal(message, InboxMessageReader.Parse(json));
        }
    }

    [Theory]
    [InlineData("not json", "$")]
    [InlineData("[1,2]", "$")]
    [InlineData("{\"instanceId\":\"i\"}", "type")]
    [InlineData("{\"type\":7,\"instanceId\":\"i\"}", "type")]
    [InlineData("{\"type\":\"Nope\",\"instanceId\":\"i\"}", "type")]
    [InlineData("{\"type\":\"CallCompleted\",\"callId\":\"i#1\",\"result\":1}", "instanceId")]
    [InlineData("{\"type\":\"CallCompleted\",\"instanceId\":\"i\",\"result\":1}", "callId")]
    [InlineData("{\"type\":\"CallCompleted\",\"instanceId\":\"i\",\"callId\":\"other#1\",\"result\":1}", "callId")]
    [InlineData("{\"type\":\"CallCompleted\",\"instanceId\":\"i\",\"callId\":\"i#1\"}", "result")]
    [InlineData("{\"type\":\"CallCompleted\",\"instanceId\":\"i\",\"callId\":\"i#1\",\"attempt\":\"two\",\"result\":1}", "attempt")]
    [InlineData("{\"type\":\"CallCompleted\",\"instanceId\":\"i\",\"callId\":\"i#1\",\"attempt\":0,\"result\":1}", "attempt")]
    [InlineData("{\"type\":\"CallCompleted\",\"instanceId\":[\"i\"],\"callId\":\"i#1\",\"result\":1}", "instanceId")]
    [InlineData("{\"type\":\"CallFailed\",\"instanceId\":\"i\",\"callId\":\"i#1\"}", "error")]
    [InlineData("{\"type\":\"CallFailed\",\"instanceId\":\"i\",\"callId\":\"i#1\",\"error\":{\"message\":\"m\"}}", "error.errorType")]
    [InlineData("{\"type\":\"StartWorkflow\",\"instanceId\":\"i\",\"input\":{}}", "workflow")]
    [InlineData("{\"type\":\"StartWorkflow\",\"instanceId\":\"i j\",\"workflow\":\"w\",\"input\":{}}", "instanceId")]
    [InlineData("{\"type\":\"StartWorkflow\",\"instanceId\":\"i\",\"workflow\":\"w\"}", "input")]
    [InlineData("{\"type\":\"EventRaised\",\"instanceId\":\"i\",\"eventName\":\"e\",\"payload\":1}", "eventId")]
    [InlineData("{\"type\":\"\\uD800\",\"instanceId\":\"i\"}", "type")]
    [InlineData("{\"t\\uDC00\":1,\"type\":\"CancelRequested\",\"instanceId\":\"i\"}", "$")]
    [InlineData("{\"type\":\"CancelRequested\",\"t\\u0079pe\":\"StartWorkflow\",\"instanceId\":\"i\"}", "type")]
    [InlineData("{\"type\":\"CancelRequested\",\"instanceId\":\"i\",\"instanceId\":\"j\"}", "instanceId")]
    public void Parse_MalformedMessage_ThrowsNamingTheField(string json, string field)
    {
        var error = Assert.Throws<MessageFormatException>(() => InboxMessageReader.Parse(json));
        Assert.Equal(field, error.Field);
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNestedPayload_ThrowsInsteadOfOverflowing()
    {
        var nested = new string('[', 5000) + new string(']', 5000);
        var json = "{\"type\":\"CallCompleted\",\"instanceId\":\"i\",\"callId\":\"i#1\",\"result\":" + nested + "}";

        var error = Assert.Throws<MessageFormatException>(() => InboxMessageReader.Parse(json));
        Assert.Contains("depth", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_PayloadWithInvalidUtf8_ThrowsNamingTheField()
    {
        byte[] json = [.. "{\"type\":\"CallCompleted\",\"instanceId\":\"i\",\"callId\":\"i#1\",\"result\":\"ab"u8, 0xFF, 0xC0, .. "\"}"u8];

        var error = Assert.Throws<MessageFormatException>(() => InboxMessageReader.Parse(json));
        Assert.Equal("result", error.Field);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeduplicationId_SameIdentity_IsEqualAndWithinSqsLimit()
    {
        var a = new CallCompleted { InstanceId = "i", CallId = "i#1", Result = JsonPayload.Parse("1") };
        var b = a with { Result = JsonPayload.Parse("2") };
        var c = a with { Attempt = 2 };

        Assert.Equal(a.DeduplicationId, b.DeduplicationId);
        Assert.NotEqual(a.DeduplicationId, c.DeduplicationId);
        Assert.Equal(64, a.DeduplicationId.Length);
    }

    [Fact]
    public void CallRequestedEvent_Parse_MissingServiceNamesDetailField()
    {
        const string json = "{\"version\":\"0\",\"detail-type\":\"CallRequested\",\"source\":\"lambda-workflow\",\"detail\":{\"callId\":\"i#0\",\"instanceId\":\"i\",\"workflow\":\"w\",\"operation\":\"o\",\"attempt\":1,\"replyTo\":\"inbox\",\"payload\":{}}}";

        var error = Assert.Throws<MessageFormatException>(() => CallRequestedEvent.Parse(json));
        Assert.Equal("detail.service", error.Field);
    }

    [Fact]
    public void CallRequestedEvent_RoundTrip_KeepsEventBridgeFieldNames()
    {
        var evt = new CallRequestedEvent
        {
            Id = "e1",
            Detail = new CallRequest { CallId = "i#0", InstanceId = "i", Workflow = "w", Service = "inventory", Operation = "reserve", ReplyTo = "q", Payload = JsonPayload.Parse("{\"sku\":\"A\"}") },
        };
        var json = evt.ToJson();

        Assert.Contains("\"detail-type\":\"CallRequested\"", json, StringComparison.Ordinal);
        Assert.Contains("\"payload\":{\"sku\":\"A\"}", json, StringComparison.Ordinal);
        Assert.Equal(evt.Detail, CallRequestedEvent.Parse(json).Detail);
    }

    [Fact]
    public void LambdaShapes_Serialize_WithTheFieldNamesLambdaUses()
    {
        const string sqsEvent = "{\"Records\":[{\"messageId\":\"m1\",\"receiptHandle\":\"r\",\"body\":\"{}\",\"attributes\":{\"ApproximateReceiveCount\":\"1\",\"MessageGroupId\":\"g\"},\"messageAttributes\":{},\"md5OfBody\":\"x\",\"eventSource\":\"aws:sqs\",\"eventSourceARN\":\"arn:aws:sqs:us-east-1:1:q\",\"awsRegion\":\"us-east-1\"}]}";
        var parsed = JsonSerializer.Deserialize(sqsEvent, ContractsJsonContext.Default.SqsEvent)!;
        Assert.Equal("arn:aws:sqs:us-east-1:1:q", parsed.Records[0].EventSourceArn);
        Assert.Equal("g", parsed.Records[0].Attributes!["MessageGroupId"]);

        var response = JsonSerializer.Serialize(new SqsBatchResponse { BatchItemFailures = [new BatchItemFailure("m1")] }, ContractsJsonContext.Default.SqsBatchResponse);
        Assert.Equal("{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"}]}", response);
    }
}
