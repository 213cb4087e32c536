using System.Text.Json;
using Amazon.SQS;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.IntegrationTests.Sqs;

namespace LambdaWorkflow.IntegrationTests.Lambda;

/// <summary>The test poller behaves like Lambda's event source mapping against the emulator.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class EventSourceMappingPollerTests(EmulatorFixture emulators)
{
    private readonly AmazonSQSClient _sqs = emulators.Sqs;

    [Fact]
    public async Task PollOnceAsync_FifoQueue_InvokesWithLambdaShapedEvent()
    {
        var queue = (await emulators.Host.CreateFifoQueueAsync(SqsTesting.UniqueName("shape"))).Queue;
        await _sqs.SendMessageAsync(new()
        {
            QueueUrl = queue.QueueUrl,
            MessageBody = "hello",
            MessageGroupId = "g-1",
            MessageDeduplicationId = "d-1",
            MessageAttributes = new() { ["trace"] = new() { DataType = "String", StringValue = "t-1" } },
        });
        var poller = new EventSourceMappingPoller(_sqs, queue, Respond("{}"));

        var result = await poller.PollOnceAsync();

        using var document = JsonDocument.Parse(result.EventJson!);
        var record = Assert.Single(document.RootElement.GetProperty("Records").EnumerateArray().ToList());
        Assert.Equal("hello", record.GetProperty("body").GetString());
        Assert.False(string.IsNullOrEmpty(record.GetProperty("messageId").GetString()));
        Assert.False(string.IsNullOrEmpty(record.GetProperty("receiptHandle").GetString()));
        Assert.False(string.IsNullOrEmpty(record.GetProperty("md5OfBody").GetString()));
        Assert.Equal("aws:sqs", record.GetProperty("eventSource").GetString());
        Assert.Equal(queue.QueueArn, record.GetProperty("eventSourceARN").GetString());
        Assert.Equal(EmulatorHost.Region, record.GetProperty("awsRegion").GetString());
        var attributes = record.GetProperty("attributes");
        Assert.Equal("1", attributes.GetProperty("ApproximateReceiveCount").GetString());
        Assert.True(long.TryParse(attributes.GetProperty("SentTimestamp").GetString(), out _));
        Assert.Equal("g-1", attributes.GetProperty("MessageGroupId").GetString());
        var trace = record.GetProperty("messageAttributes").GetProperty("trace");
        Assert.Equal("t-1", trace.GetProperty("stringValue").GetString());
        Assert.Equal("String", trace.GetProperty("dataType").GetString());
        Assert.Equal(1, result.Deleted);
    }

    [Fact]
    public async Task PollOnceAsync_OneItemFailure_DeletesTheOthersAndRedeliversIt()
    {
        var queue = await emulators.Host.CreateStandardQueueAsync(SqsTesting.UniqueName("partial"));
        for (var i = 0; i < 3; i++)
        {
            await _sqs.SendMessageAsync(queue.QueueUrl, $"body-{i}");
        }

        string? failedId = null;
        var poller = new EventSourceMappingPoller(
            _sqs,
            queue,
            async input =>
            {
                using var document = await JsonDocument.ParseAsync(input);
                var records = document.RootElement.GetProperty("Records").EnumerateArray().ToList();
                var failing = records.FirstOrDefault(r => r.GetProperty("body").GetString() == "body-1");
                failedId = failing.ValueKind == JsonValueKind.Undefined ? null : failing.GetProperty("messageId").GetString();
                return (Stream)Json(failedId is null ? """{"batchItemFailures":[]}""" : $$"""{"batchItemFailures":[{"itemIdentifier":"{{failedId}}"}]}""");
            },
            new EventSourceMappingOptions { RedeliveryDelaySeconds = 0 });

        var first = await poller.PollOnceAsync();
        var second = await poller.PollOnceAsync();

        Assert.Equal(3, first.Received);
        Assert.Equal(2, first.Deleted);
        Assert.Equal([failedId!], first.Failed);
        var redelivered = Assert.Single(JsonDocument.Parse(second.EventJson!).RootElement.GetProperty("Records").EnumerateArray().ToList());
        Assert.Equal("body-1", redelivered.GetProperty("body").GetString());
        Assert.Equal("2", redelivered.GetProperty("attributes").GetProperty("ApproximateReceiveCount").GetString());
    }

    [Fact]
    public async Task PollOnceAsync_FunctionThrows_LeavesTheWholeBatch()
    {
        var queue = await emulators.Host.CreateStandardQueueAsync(SqsTesting.UniqueName("throws"));
        await _sqs.SendMessageAsync(queue.QueueUrl, "a");
        await _sqs.SendMessageAsync(queue.QueueUrl, "b");
        var poller = new EventSourceMappingPoller(_sqs, queue, _ => throw new InvalidOperationException("boom"));

        var result = await poller.PollOnceAsync();

        Assert.IsType<InvalidOperationException>(result.InvocationError);
        Assert.Equal(0, result.Deleted);
        Assert.Equal(2, result.Failed.Count);
        var depth = await _sqs.GetQueueAttributesAsync(queue.QueueUrl, ["All"]);
        Assert.Equal(2, depth.ApproximateNumberOfMessagesNotVisible);
    }

    [Theory]
    [InlineData("""{"batchItemFailures":[{"itemIdentifier":"not-in-batch"}]}""", 2)]
    [InlineData("""{"batchItemFailures":[{"itemIdentifier":""}]}""", 2)]
    [InlineData("""not json""", 2)]
    [InlineData("""{"batchItemFailures":null}""", 0)]
    [InlineData("", 0)]
    public void FailedIds_ResponseAsLambdaReadsIt_FailsWholeBatchOnAnInvalidOne(string response, int failed)
    {
        Assert.Equal(failed, EventSourceMappingPoller.FailedIds(response, ["id-1", "id-2"]).Count);
    }

    private static Func<Stream, Task<Stream>> Respond(string response) => _ => Task.FromResult<Stream>(Json(response));

    private static MemoryStream Json(string json) => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
}
