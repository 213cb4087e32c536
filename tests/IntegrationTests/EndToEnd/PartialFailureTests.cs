using Amazon.SQS.Model;
using LambdaWorkflow.Aws.DynamoDb;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.Orchestrator.State;
using OrderFulfillment.Domain;
using Xunit.Abstractions;
using static LambdaWorkflow.IntegrationTests.EndToEnd.EndToEndTesting;

namespace LambdaWorkflow.IntegrationTests.EndToEnd;

/// <summary>
/// The partial-failure paths through the whole deployment on the emulators: a malformed inbox message, a PutEvents
/// entry that fails, throttled DynamoDB writes and a version conflict between two orchestrators.
/// </summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class PartialFailureTests(EmulatorFixture emulators, ITestOutputHelper output)
{
    [Fact]
    public async Task RunOrders_MalformedInboxMessage_DeadLetteredWithItsReasonWhileTheOrdersComplete()
    {
        await using var environment = await StartAsync(emulators.Host, FastOptions());
        const string Malformed = """{"type":"StartWorkflow","instanceId":""";
        await emulators.Sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = environment.Inbox.Queue.QueueUrl,
            MessageBody = Malformed,
            MessageGroupId = "broken",
            MessageDeduplicationId = "broken-1",
        });

        var results = await RunOrdersAsync(environment, count: 5);
        var deadLetter = Assert.Single(await WaitForMessagesAsync(environment, environment.Inbox.DeadLetterQueue));

        Print(output, "malformed inbox message", environment);
        Assert.All(results, result => Assert.Equal(OrderOutcome.Completed, result.Outcome));
        Assert.Equal(Malformed, deadLetter.Body);
        Assert.Contains("JSON", deadLetter.MessageAttributes[DeadLetterAttributes.Reason].StringValue, StringComparison.Ordinal);
        Assert.Equal(environment.Inbox.Queue.QueueArn, deadLetter.MessageAttributes[DeadLetterAttributes.SourceQueue].StringValue);
        Assert.Equal(0, environment.Counters.InvocationErrors);
        Assert.Equal(0, environment.Counters.Redeliveries); // set aside at once, not retried until the redrive policy
    }

    [Fact]
    public async Task RunOrders_PutEventsEntriesFail_SentAgainAndTheOrdersComplete()
    {
        await using var environment = await StartAsync(emulators.Host, FastOptions());
        environment.EventBridge.FailEntries(_ => true, "ThrottlingException", "Rate exceeded", times: 3);

        var results = await RunOrdersAsync(environment, count: 3);

        Print(output, "failed PutEvents entries", environment);
        var requests = environment.Meter.Snapshot();
        Assert.All(results, result => Assert.Equal(OrderOutcome.Completed, result.Outcome));
        Assert.Equal(3, requests.PutEventsFailedEntries);
        Assert.Equal(9 + 3, requests.PutEventsEntries); // reserve, charge and ship per order, and the three sent again
        Assert.Equal(3, environment.EventBridge.Requests.SelectMany(r => r.EntryErrorCodes).Count(code => code is not null));
        Assert.Equal(9, environment.Router.Delivered);
        Assert.Equal(0, environment.Counters.Redeliveries); // retried inside the turn, not by redelivering the message
    }

    [Fact]
    public async Task RunOrders_DynamoDbWritesThrottled_RetriedByTheStoreAndTheOrdersComplete()
    {
        var faults = new AwsFaultInjector();
        await using var environment = await StartAsync(emulators.Host, FastOptions(options => options.DynamoDbFaults = faults));
        // A turn writes one PutItem (its events ride in the metadata item), so the writes throttled are puts.
        faults.ThrottleDynamoDb("PutItem", times: 4);

        var results = await RunOrdersAsync(environment, count: 3);

        Print(output, "throttled DynamoDB writes", environment);
        var requests = environment.Meter.Snapshot();
        Assert.All(results, result => Assert.Equal(OrderOutcome.Completed, result.Outcome));
        Assert.Equal(4, requests.Count("dynamodb.PutItem.ProvisionedThroughputExceededException"));
        Assert.Equal(4, faults.Injected);
        Assert.Equal(4, environment.DynamoDbUsage.Retries);
        Assert.Equal(0, environment.Counters.Redeliveries);
    }

    [Fact]
    public async Task RunOrders_TwoOrchestratorsOnOneInstance_VersionConflictResolvesAndHistoryStaysSingle()
    {
        // A turn whose metadata write stalls past the visibility timeout: SQS hands its message to the other
        // orchestrator, which commits the same turn first; the stalled write, sent on once that commit is answered,
        // then loses on the version condition.
        var faults = new AwsFaultInjector();
        await using var environment = await StartAsync(emulators.Host, FastOptions(options =>
        {
            options.DynamoDbFaults = faults;
            options.VisibilityTimeoutSeconds = 1;
        }));
        faults.HoldNext("PutItem", skip: 1); // the start turn passes; the first result's turn stalls

        var result = Assert.Single(await RunOrdersAsync(environment, count: 1));
        await environment.StopAsync(); // the stalled orchestrator finishes its batch: the order completed meanwhile

        Print(output, "version conflict", environment);
        Assert.Equal(OrderOutcome.Completed, result.Outcome);
        Assert.Equal(1, faults.Injected);
        Assert.Equal(0, environment.Counters.InvocationErrors);
        Assert.True(environment.Meter.Snapshot().Count("dynamodb.PutItem.ConditionalCheckFailedException") >= 1, "the stalled write should lose its version race");
        var store = new DynamoDbWorkflowStateStore(emulators.DynamoDb, new DynamoDbStateStoreOptions { TableName = environment.TableName });
        var snapshot = await store.LoadAsync(result.OrderId);
        Assert.NotNull(snapshot);
        Assert.Equal(Enumerable.Range(0, snapshot.History.Count), snapshot.History.Select(e => e.Sequence));
        var results = snapshot.History.Where(e => e.Type is HistoryEventType.CallCompleted or HistoryEventType.CallFailed).Select(e => e.CallNumber).ToList();
        Assert.Equal(results.Distinct().Count(), results.Count);
        Assert.Equal(3, results.Count); // reserve, charge, ship: each result applied once
    }
}
