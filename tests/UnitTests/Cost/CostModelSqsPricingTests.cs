using System.Text.Json;
using LambdaWorkflow.Cost;

namespace LambdaWorkflow.UnitTests.Cost;

/// <summary>The cost model prices SQS requests at their queue's rate: $0.40 per million standard, $0.50 per million FIFO.</summary>
public sealed class CostModelSqsPricingTests
{
    [Fact]
    public void Ours_SummaryCountsByQueue_EachTypeAtItsOwnRateLessItsFalseEmpties()
    {
        var model = new CostModel(Measured(), new Assumptions());

        var lines = model.Ours().ToDictionary(l => l.Key);

        // Standard: 10 sends + 30 receives - 5 false empties + 10 deletes; FIFO: 12 sends + 4 batches + 8 receives - 2 + 3 deletes.
        Assert.Equal(45, lines["sqsStandard"].Quantity);
        Assert.Equal(Prices.SqsStandardRequest, lines["sqsStandard"].UnitPrice);
        Assert.Equal(25, lines["sqsFifo"].Quantity);
        Assert.Equal(Prices.SqsFifoRequest, lines["sqsFifo"].UnitPrice);
        Assert.True(model.Sqs.Measured);
    }

    [Fact]
    public void Ours_EntriesAndFailedRequestKinds_AreNotRequests()
    {
        var counts = new Dictionary<string, double>(Measured().Requests, StringComparer.Ordinal)
        {
            ["sqsStandard.DeleteMessageBatchEntries"] = 1_000,
            ["sqsStandard.ReceiveMessage.ServiceUnavailable"] = 7,
        };

        var model = new CostModel(Measured() with { Requests = counts }, new Assumptions());

        Assert.Equal(45, model.Sqs.Standard);
    }

    [Fact]
    public void Ours_RequestsThatNameNoQueue_PricedAsFifo()
    {
        var counts = new Dictionary<string, double>(Measured().Requests, StringComparer.Ordinal) { ["sqsUnknown.ListQueues"] = 4 };

        var model = new CostModel(Measured() with { Requests = counts }, new Assumptions());

        Assert.Equal(29, model.Sqs.Fifo);
    }

    [Fact]
    public void Ours_OldSummaryWithoutTheSplit_FallsBackToTheEarlierAssumptionAndSaysSo()
    {
        var model = new CostModel(OldSummary(), new Assumptions());

        // The earlier figure: only EventBridge's 605 deliveries at the standard rate, the rest (less false empties) at FIFO.
        Assert.False(model.Sqs.Measured);
        Assert.Equal(605, model.Sqs.Standard);
        Assert.Equal(210 + 1_178 + 1_678 - 944 + 687 - 605, model.Sqs.Fifo);
        Assert.Contains("ASSUMED", model.Ours().Single(l => l.Key == "sqsFifo").Description, StringComparison.Ordinal);
        Assert.Contains("NOT in this summary", CostReport.Text(model), StringComparison.Ordinal);
        Assert.Null(model.Batches);
    }

    [Fact]
    public void Offline_DocumentedCountsAreSplitByQueue()
    {
        Assert.True(new CostModel(Usage.Documented, new Assumptions()).Sqs.Measured);
        Assert.True(new CostModel(Usage.DocumentedDirect, new Assumptions()).Sqs.Measured);
    }

    [Fact]
    public void Batches_FromTheMappingsAndTheBatchEntries()
    {
        var batches = new CostModel(Measured(), new Assumptions()).Batches;

        Assert.NotNull(batches);
        Assert.Equal(20.0 / 3, batches.InboxPerInvocation, 6);
        Assert.Equal(1.0, batches.ServicePerInvocation, 6);
        Assert.Equal(20.0 / 6, batches.InboxPerReceive, 6);
        Assert.Equal(10.0 / 25, batches.ServicePerReceive, 6);
        Assert.Equal(20.0 / 3, batches.InboxPerDelete, 6);
        Assert.Equal(1.0, batches.ServicePerDelete, 6);
        Assert.Equal((12 + 6 - 2) / (12 + 4 - 2.0), batches.RepliesPerSend, 6);
        Assert.Equal(1.0, batches.CallsPerSend, 6);
    }

    [Fact]
    public void Json_KeepsItsFieldsAndAddsTheSplitAndBatchSizes()
    {
        var model = new CostModel(Measured(), new Assumptions());

        using var json = JsonDocument.Parse(CostReport.Json(model, new CostModel(OldSummary(), new Assumptions())));

        var root = json.RootElement;
        Assert.True(root.GetProperty("costPerMillionSteps").GetDouble() > 0);
        Assert.True(root.GetProperty("parts").GetProperty("sqsStandard").GetDouble() > 0);
        Assert.Equal("counted", root.GetProperty("sqsQueueTypes").GetString());
        Assert.Equal(1.0, root.GetProperty("batchSizes").GetProperty("servicePerInvocation").GetDouble());
        Assert.Equal("assumed", root.GetProperty("directDispatch").GetProperty("sqsQueueTypes").GetString());
        Assert.True(root.GetProperty("directDispatch").GetProperty("costPerMillionSteps").GetDouble() > 0);
    }

    /// <summary>The first saved run through EventBridge (2026-11-25), from before the per-queue counts.</summary>
    private static Usage OldSummary() => new(
        "old",
        200,
        Compensated: 21,
        605,
        new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["sqs.SendMessageBatch"] = 210,
            ["sqs.SendMessage"] = 1_178,
            ["sqs.ReceiveMessage"] = 1_678,
            ["emulator.falseEmptyReceives"] = 944,
            ["sqs.DeleteMessageBatch"] = 687,
            ["events.PutEventsEntries"] = 605,
            ["dynamodb.WriteCapacityUnits"] = 808,
            ["dynamodb.ReadCapacityUnits"] = 820,
        });

    /// <summary>Two workflows, ten steps through EventBridge, counted by queue type.</summary>
    private static Usage Measured() => new(
        "test",
        2,
        Compensated: 0,
        10,
        new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["sqs.SendMessage"] = 22,
            ["sqs.SendMessageBatch"] = 4,
            ["sqs.ReceiveMessage"] = 38,
            ["sqs.DeleteMessageBatch"] = 13,
            ["sqsStandard.SendMessage"] = 10,
            ["sqsStandard.ReceiveMessage"] = 30,
            ["sqsStandard.DeleteMessageBatch"] = 10,
            ["sqsStandard.DeleteMessageBatchEntries"] = 10,
            ["sqsFifo.SendMessage"] = 12,
            ["sqsFifo.SendMessageBatch"] = 4,
            ["sqsFifo.SendMessageBatchEntries"] = 6,
            ["sqsFifo.ReceiveMessage"] = 8,
            ["sqsFifo.DeleteMessageBatch"] = 3,
            ["sqsFifo.DeleteMessageBatchEntries"] = 20,
            ["emulator.falseEmptyReceives"] = 7,
            ["emulator.falseEmptyReceivesStandard"] = 5,
            ["emulator.falseEmptyReceivesFifo"] = 2,
            ["emulator.batchesFifo"] = 3,
            ["emulator.messagesReceivedFifo"] = 20,
            ["emulator.batchesStandard"] = 10,
            ["emulator.messagesReceivedStandard"] = 10,
            ["events.PutEventsEntries"] = 10,
            ["dynamodb.WriteCapacityUnits"] = 12,
            ["dynamodb.ReadCapacityUnits"] = 12,
        });
}
