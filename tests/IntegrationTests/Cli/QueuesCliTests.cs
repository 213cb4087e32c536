using Amazon.SQS.Model;
using LambdaWorkflow.Cli;
using LambdaWorkflow.IntegrationTests.Emulators;

namespace LambdaWorkflow.IntegrationTests.Cli;

[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class QueuesCliTests(EmulatorFixture emulators)
{
    [Fact]
    public async Task Queues_Json_ListsInboxServiceAndDlqWithDepthAndRedriveLinks()
    {
        var prefix = CliEmulators.UniquePrefix("q");
        var inbox = await emulators.Host.CreateFifoQueueAsync(prefix + "inbox", maxReceiveCount: 5);
        var service = await emulators.Host.CreateStandardQueueAsync(prefix + "inventory");
        await emulators.Sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = inbox.Queue.QueueUrl, MessageBody = "{}", MessageGroupId = "i-1", MessageDeduplicationId = "d-1" });
        await emulators.Sqs.SendMessageAsync(service.QueueUrl, "{}");
        await emulators.Sqs.SendMessageAsync(service.QueueUrl, "{}");
        await emulators.Sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = service.QueueUrl, MessageBody = "{}", DelaySeconds = 60 });

        var run = await CliEmulators.RunAsync(emulators, "queues", "--prefix", prefix, "--output", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var queues = run.Json().EnumerateArray().ToDictionary(q => q.GetProperty("name").GetString()!);
        Assert.Equal([inbox.DeadLetterQueue.Name, inbox.Queue.Name, service.Name], queues.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("inbox", queues[inbox.Queue.Name].GetProperty("kind").GetString());
        Assert.Equal(inbox.DeadLetterQueue.Name, queues[inbox.Queue.Name].GetProperty("deadLetterQueue").GetString());
        Assert.Equal(1, queues[inbox.Queue.Name].GetProperty("visible").GetInt64());
        Assert.Equal("dlq", queues[inbox.DeadLetterQueue.Name].GetProperty("kind").GetString());
        Assert.Equal([inbox.Queue.Name], queues[inbox.DeadLetterQueue.Name].GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        var inventory = queues[service.Name];
        Assert.Equal(("service", 2L, 1L), (inventory.GetProperty("kind").GetString(), inventory.GetProperty("visible").GetInt64(), inventory.GetProperty("delayed").GetInt64()));
        Assert.Equal("none", inventory.GetProperty("ageSource").GetString());
    }

    [Fact]
    public async Task Queues_DlqHoldsMessages_ExitsThreeWithItsAgeFromAPeek()
    {
        var prefix = CliEmulators.UniquePrefix("d");
        var pair = await emulators.Host.CreateFifoQueueAsync(prefix + "inbox", maxReceiveCount: 5);
        await emulators.Sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = pair.DeadLetterQueue.QueueUrl, MessageBody = "{}", MessageGroupId = "i-1", MessageDeduplicationId = "d-1" });

        var json = await CliEmulators.RunAsync(emulators, "queues", "--prefix", prefix, "-o", "json");
        var table = await CliEmulators.RunAsync(emulators, "queues", "--prefix", prefix);

        Assert.Equal(ExitCodes.DeadLettersPending, json.ExitCode);
        var dlq = json.Json().EnumerateArray().Single(q => q.GetProperty("kind").GetString() == "dlq");
        Assert.True(dlq.GetProperty("needsAttention").GetBoolean());
        Assert.Equal("peek", dlq.GetProperty("ageSource").GetString());
        Assert.InRange(dlq.GetProperty("oldestAgeSeconds").GetDouble(), 0, 60);
        Assert.Equal(ExitCodes.DeadLettersPending, table.ExitCode);
        Assert.Contains("1 dead-letter queue(s) hold messages", table.Stdout, StringComparison.Ordinal);

        // The peek left the message where it was.
        var depth = await emulators.Sqs.GetQueueAttributesAsync(pair.DeadLetterQueue.QueueUrl, ["ApproximateNumberOfMessages"]);
        Assert.Equal(1, depth.ApproximateNumberOfMessages);
    }

    [Fact]
    public async Task Queues_WatchWithJson_OneDocumentPerRefresh()
    {
        var prefix = CliEmulators.UniquePrefix("w");
        await emulators.Host.CreateStandardQueueAsync(prefix + "payments");

        var run = await CliEmulators.RunAsync(emulators, "queues", "--prefix", prefix, "--watch", "--interval", "0.1", "--times", "3", "-o", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var documents = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, documents.Length);
        Assert.All(documents, d => Assert.Contains(prefix + "payments", d, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Queues_UnknownQueue_FailsNamingIt()
    {
        var run = await CliEmulators.RunAsync(emulators, "queues", "--queue", "no-such-queue-" + Guid.NewGuid().ToString("N"));

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("There is no queue named 'no-such-queue-", run.Stderr, StringComparison.Ordinal);
    }
}
