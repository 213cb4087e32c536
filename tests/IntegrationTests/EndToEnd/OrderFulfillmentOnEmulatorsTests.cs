using System.Globalization;
using System.Text.Json;
using LambdaWorkflow.IntegrationTests.Emulators;
using OrderFulfillment;
using OrderFulfillment.Domain;
using OrderFulfillment.Services;
using OrderFulfillment.Targets;
using Xunit.Abstractions;

namespace LambdaWorkflow.IntegrationTests.EndToEnd;

/// <summary>The OrderFulfillment sample end to end on the emulators, through the real SDK clients, against the embedded runtime.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class OrderFulfillmentOnEmulatorsTests(EmulatorFixture emulators, ITestOutputHelper output)
{
    private const int Workflows = 200;

    [Fact]
    public async Task RunAsync_200WorkflowsOnEmulators_SameOutcomesAsEmbeddedAndEveryRequestCounted()
    {
        // The sample's default failure rates (declines, stock-outs, carrier refusals, transient timeouts), quick services.
        var options = new SampleOptions { Workflows = Workflows, Seed = 42, MaxLatencyMs = 3, Timeout = TimeSpan.FromSeconds(90) };

        var embedded = await new SampleRunner(options).RunAsync();
        var onEmulators = await new SampleRunner(options with { Target = SampleTarget.Emulators }) { EmulatorHost = emulators.Host }.RunAsync();

        var requests = onEmulators.AwsRequests!;
        output.WriteLine($"{Workflows} workflows on the emulators in {onEmulators.Seconds} s: {onEmulators.Completed} completed, "
            + $"{onEmulators.Compensated} compensated, {onEmulators.Steps} steps, {onEmulators.Retries} service retries, "
            + $"{onEmulators.Redeliveries} redeliveries, {onEmulators.DeadLettered} dead letters; digest {onEmulators.OutcomeDigest} "
            + $"(embedded {embedded.OutcomeDigest})");
        output.WriteLine("AWS requests of the deployment, by kind:");
        foreach (var (kind, count) in requests)
        {
            output.WriteLine($"  {kind,-48} {count.ToString("#,0.##", CultureInfo.InvariantCulture),10}");
        }

        var steps = onEmulators.Steps;
        output.WriteLine($"  per step: {requests["totalRequests"] / steps:0.00} requests, {requests["dynamodb.WriteCapacityUnits"] / steps:0.00} WCU, "
            + $"{requests["dynamodb.ReadCapacityUnits"] / steps:0.00} RCU, {requests["events.PutEventsEntries"] / steps:0.00} PutEvents entries");
        output.WriteLine($"  status reads by the test (not above): {onEmulators.ObserverRequests}");

        // Same results as the embedded runtime, nothing stuck or lost.
        Assert.Equal(Workflows, onEmulators.Completed + onEmulators.Compensated);
        Assert.Equal(0, onEmulators.Stuck + onEmulators.Lost + onEmulators.Failed);
        Assert.True(onEmulators.Compensated > 0, "the default failure rates should compensate some orders");
        Assert.Equal(embedded.OutcomeDigest, onEmulators.OutcomeDigest);
        Assert.Equal(embedded.Steps, onEmulators.Steps);
        Assert.Equal(embedded.Retries, onEmulators.Retries);
        Assert.Equal(0, onEmulators.DeadLettered);

        // The sample's --json adds the counts on the emulators only.
        Assert.Contains("\"awsRequests\":{", JsonSerializer.Serialize(onEmulators, SampleJson.Default.SampleSummary), StringComparison.Ordinal);
        Assert.DoesNotContain("awsRequests", JsonSerializer.Serialize(embedded, SampleJson.Default.SampleSummary), StringComparison.Ordinal);

        // Every kind of request the deployment needs was made, and nothing failed.
        foreach (var kind in new[]
        {
            "sqs.SendMessageBatch", "sqs.SendMessage", "sqs.ReceiveMessage", "sqs.DeleteMessageBatch",
            "dynamodb.GetItem", "dynamodb.PutItem", "events.PutEvents",
            "events.PutEventsEntries", "dynamodb.ReadCapacityUnits", "dynamodb.WriteCapacityUnits",
        })
        {
            Assert.True(requests.GetValueOrDefault(kind) > 0, $"{kind} should not be zero");
        }

        Assert.DoesNotContain(requests.Keys, key => key.Count(c => c == '.') > 1); // no failed-request kinds

        // Every SQS request is also counted by its queue's type (priced differently): the inbox is FIFO, the service
        // queues standard, and no request goes unattributed.
        foreach (var operation in new[] { "SendMessage", "SendMessageBatch", "ReceiveMessage", "DeleteMessageBatch" })
        {
            Assert.Equal(requests["sqs." + operation], requests.GetValueOrDefault("sqsFifo." + operation) + requests.GetValueOrDefault("sqsStandard." + operation));
        }

        Assert.DoesNotContain(requests.Keys, key => key.StartsWith("sqsUnknown.", StringComparison.Ordinal));
        if (onEmulators.Redeliveries == 0)
        {
            Assert.Equal(requests["events.PutEventsEntries"], requests["sqsStandard.SendMessage"]); // EventBridge's deliveries
            Assert.Equal(requests["emulator.messagesReceivedFifo"], requests["sqsFifo.DeleteMessageBatchEntries"]);
        }
        Assert.Equal(0, requests["events.PutEventsFailedEntries"]);

        // The shape of the traffic: one start message per order, one PutEvents entry per service call, each call
        // delivered to its queue and answered with one message each, every turn a metadata put carrying its events
        // (a segment write only when a history outgrows the metadata item, which this sample's rarely do).
        var entries = requests["events.PutEventsEntries"];
        var replyRequests = requests["sqs.SendMessage"] - entries + requests["sqs.SendMessageBatch"] - Workflows;
        Assert.True(requests.GetValueOrDefault("dynamodb.BatchWriteItem") * 10 < requests["dynamodb.PutItem"], "segment writes should be rare");
        Assert.True(requests["dynamodb.WriteCapacityUnits"] < 1.1 * requests["dynamodb.PutItem"], "a turn should cost about one write unit");
        Assert.InRange(requests["events.PutEvents"], Math.Ceiling(entries / 10), entries);
        Assert.True(requests["dynamodb.WriteCapacityUnits"] >= requests["dynamodb.PutItem"], "every write costs at least one unit");
        if (onEmulators.Redeliveries == 0)
        {
            Assert.Equal(steps, entries);

            // Each call is delivered with its own SendMessage; replies go one per service batch, ten at most a request.
            Assert.InRange(replyRequests, Math.Ceiling(entries / 10), entries);
            Assert.Equal(Workflows + steps, requests["dynamodb.PutItem"]);
        }
        else
        {
            Assert.True(entries >= steps, "every applied result answers a published call");
        }
    }

    [Fact]
    public async Task RunAsync_DirectDispatchOnEmulators_SameOutcomesWithoutEventBridge()
    {
        const int workflows = 60;
        var options = new SampleOptions { Workflows = workflows, Seed = 7, MaxLatencyMs = 3, Timeout = TimeSpan.FromSeconds(90) };

        var embedded = await new SampleRunner(options).RunAsync();
        var direct = await new SampleRunner(options with { Target = SampleTarget.Emulators, DirectDispatch = true }) { EmulatorHost = emulators.Host }.RunAsync();

        var requests = direct.AwsRequests!;
        output.WriteLine($"{workflows} workflows, direct dispatch: {direct.Steps} steps, {direct.Redeliveries} redeliveries; "
            + string.Join(", ", requests.Where(r => r.Key.StartsWith("sqs.", StringComparison.Ordinal) || r.Key.StartsWith("events.", StringComparison.Ordinal)).Select(r => $"{r.Key} {r.Value}")));

        // The same outcomes as the embedded runtime, nothing stuck or lost, and not one request to EventBridge.
        Assert.Equal(workflows, direct.Completed + direct.Compensated);
        Assert.Equal(0, direct.Stuck + direct.Lost + direct.Failed + direct.DeadLettered);
        Assert.Equal(embedded.OutcomeDigest, direct.OutcomeDigest);
        Assert.Equal(embedded.Steps, direct.Steps);
        Assert.Equal(0, requests.GetValueOrDefault("events.PutEvents"));
        Assert.Equal(0, requests.GetValueOrDefault("events.PutEventsEntries"));

        // Besides the starts, batches carry a turn's calls (at most one request per call) and a service batch's
        // replies; with no EventBridge delivery, single sends are only replies, at most one per call.
        var perCall = direct.Steps + direct.Redeliveries;
        Assert.InRange(requests["sqs.SendMessageBatch"], workflows + 1, workflows + 2 * perCall);
        Assert.InRange(requests.GetValueOrDefault("sqs.SendMessage"), 0, perCall);
    }
}
