using System.Text;
using Amazon.SQS.Model;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Cli;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.IntegrationTests.Emulators;

namespace LambdaWorkflow.IntegrationTests.Cli;

[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class DlqCliTests(EmulatorFixture emulators)
{
    [Fact]
    public async Task DlqPeek_RuntimeDeadLetter_ShowsReasonSourceAndInstanceAndLeavesIt()
    {
        var (pair, _) = await DeadLetterOneAsync("peek");

        var run = await CliEmulators.RunAsync(emulators, "dlq", "peek", pair.DeadLetterQueue.Name, "-o", "json");

        var letter = Assert.Single(run.Json().EnumerateArray());
        Assert.Equal("StartWorkflow", letter.GetProperty("kind").GetString());
        Assert.Equal("order-9", letter.GetProperty("instanceId").GetString());
        Assert.Equal("order-9", letter.GetProperty("groupId").GetString());
        Assert.Equal("Workflow 'nope' is not registered.", letter.GetProperty("reason").GetString());
        Assert.Equal(pair.Queue.QueueUrl, letter.GetProperty("sourceQueue").GetString());
        Assert.Equal("nope", letter.GetProperty("body").GetProperty("workflow").GetString());
        Assert.Equal(1, await VisibleAsync(pair.DeadLetterQueue.QueueUrl));
    }

    [Fact]
    public async Task DlqRedrive_DryRunThenForReal_MovesBackToTheSourceWithGroupAndWithoutDeadLetterAttributes()
    {
        var (pair, body) = await DeadLetterOneAsync("redrive");

        var dry = await CliEmulators.RunAsync(emulators, "dlq", "redrive", pair.DeadLetterQueue.QueueUrl, "--dry-run", "-o", "json");
        Assert.Equal(ExitCodes.Success, dry.ExitCode);
        var planned = Assert.Single(dry.Json().EnumerateArray());
        Assert.Equal(("would-move", pair.Queue.QueueUrl), (planned.GetProperty("action").GetString(), planned.GetProperty("target").GetString()));
        Assert.Equal(1, await VisibleAsync(pair.DeadLetterQueue.QueueUrl));
        Assert.Equal(0, await VisibleAsync(pair.Queue.QueueUrl));

        var run = await CliEmulators.RunAsync(emulators, "dlq", "redrive", pair.DeadLetterQueue.QueueUrl, "-o", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("moved", Assert.Single(run.Json().EnumerateArray()).GetProperty("action").GetString());
        Assert.Equal(0, await VisibleAsync(pair.DeadLetterQueue.QueueUrl));
        var received = (await emulators.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = pair.Queue.QueueUrl,
            MessageSystemAttributeNames = ["All"],
            MessageAttributeNames = ["All"],
        })).Messages!.Single();
        Assert.Equal(body, received.Body);
        Assert.Equal("order-9", received.Attributes["MessageGroupId"]);
        Assert.DoesNotContain(received.MessageAttributes ?? [], a => a.Key.StartsWith("lwf-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DlqRedrive_NoSourceKnown_SkipsAndExitsOneKeepingTheMessage()
    {
        var queue = await emulators.Host.CreateStandardQueueAsync(CliEmulators.UniquePrefix("orphan") + "dlq");
        await emulators.Sqs.SendMessageAsync(queue.QueueUrl, "not json");

        var run = await CliEmulators.RunAsync(emulators, "dlq", "redrive", queue.QueueUrl, "-o", "json");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        var skipped = Assert.Single(run.Json().EnumerateArray());
        Assert.Equal("skipped", skipped.GetProperty("action").GetString());
        Assert.Contains("--to", skipped.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await VisibleAsync(queue.QueueUrl));
    }

    private async Task<(FifoQueuePair Pair, string Body)> DeadLetterOneAsync(string purpose)
    {
        var pair = await emulators.Host.CreateFifoQueueAsync(CliEmulators.UniquePrefix(purpose) + "inbox", maxReceiveCount: 5);
        var body = InboxMessageReader.ToJson(new StartWorkflow { InstanceId = "order-9", Workflow = "nope", Input = Contracts.JsonPayload.Parse("{}") });
        var sink = new SqsDeadLetterSink(emulators.Sqs, pair.DeadLetterQueue.QueueUrl);
        await sink.SendAsync(new QueueMessage("m-1", Encoding.UTF8.GetBytes(body), DateTimeOffset.UtcNow, 1, "order-9"), "Workflow 'nope' is not registered.", pair.Queue.QueueUrl);
        return (pair, body);
    }

    private async Task<int> VisibleAsync(string queueUrl) =>
        (await emulators.Sqs.GetQueueAttributesAsync(queueUrl, ["ApproximateNumberOfMessages"])).ApproximateNumberOfMessages;
}
