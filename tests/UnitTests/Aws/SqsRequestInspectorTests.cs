using System.Text;
using LambdaWorkflow.Aws.Diagnostics;

namespace LambdaWorkflow.UnitTests.Aws;

/// <summary>The meter's reading of an SQS request: which queue type it is billed at, and how many entries a batch carries.</summary>
public sealed class SqsRequestInspectorTests
{
    [Theory]
    [InlineData("https://sqs.us-east-1.amazonaws.com/123456789012/lwf-inbox.fifo", "fifo")]
    [InlineData("http://127.0.0.1:9324/000000000000/lwf-inbox.fifo/", "fifo")]
    [InlineData("https://sqs.us-east-1.amazonaws.com/123456789012/lwf-payments", "standard")]
    [InlineData("https://sqs.us-east-1.amazonaws.com/123456789012/fifo-named-but-standard", "standard")]
    [InlineData(null, "unknown")]
    [InlineData("", "unknown")]
    public void QueueTypeOf_Url_FifoOnlyWhenTheNameEndsInDotFifo(string? url, string expected) =>
        Assert.Equal(expected, SqsRequestInspector.QueueTypeOf(url));

    [Fact]
    public void Inspect_SendMessageBatch_ReadsTheQueueAndCountsTheEntries()
    {
        var body = """{"Entries":[{"Id":"0","MessageBody":"{\"Entries\":[1,2]}"},{"Id":"1","MessageBody":"x","MessageAttributes":{"a":{"DataType":"String","StringValue":"[]"}}}],"QueueUrl":"http://localhost/000000000000/q.fifo"}""";

        Assert.Equal(("fifo", 2), SqsRequestInspector.Inspect(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Inspect_ReceiveMessage_StandardQueueAndNoEntries()
    {
        var body = """{"QueueUrl":"http://localhost/000000000000/payments","MaxNumberOfMessages":10,"MessageSystemAttributeNames":["All"]}""";

        Assert.Equal(("standard", 0), SqsRequestInspector.Inspect(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("Action=ReceiveMessage&QueueUrl=x.fifo")]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("""{"QueueName":"new-queue.fifo"}""")]
    public void Inspect_NotJsonOrNoQueueUrl_Unknown(string body) =>
        Assert.Equal(("unknown", 0), SqsRequestInspector.Inspect(Encoding.UTF8.GetBytes(body)));
}
