using System.Globalization;
using System.Text.Json;

namespace LambdaWorkflow.Cost;

/// <summary>The AWS requests of a run of the OrderFulfillment sample on the emulators, and what the run did.</summary>
/// <param name="Source">Where the numbers come from, printed with the model.</param>
/// <param name="Workflows">Workflows run.</param>
/// <param name="Compensated">Workflows that compensated (they take extra Step Functions states).</param>
/// <param name="Steps">Service calls whose result was applied.</param>
/// <param name="Requests">The sample's <c>awsRequests</c> map: <c>{service}.{operation}</c> and the capacity unit keys.</param>
internal sealed record Usage(string Source, int Workflows, int Compensated, long Steps, IReadOnlyDictionary<string, double> Requests)
{
    /// <summary>
    /// The counts measured for 200 workflows (605 steps, 805 orchestrator turns) of the OrderFulfillment sample on the
    /// emulators, calls through EventBridge, SQS requests counted by queue type (2026-11-25,
    /// <c>runs/order-fulfillment-200-emulators-run3.json</c>); used only with <c>--offline</c>.
    /// </summary>
    public static Usage Documented { get; } = new(
        "documented counts (--offline): 200 workflows, OrderFulfillment --target emulators (2026-11-25)",
        200,
        Compensated: 21,
        605,
        new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["dynamodb.BatchWriteItem"] = 3,
            ["dynamodb.GetItem"] = 822,
            ["dynamodb.PutItem"] = 805,
            ["dynamodb.ReadCapacityUnits"] = 822,
            ["dynamodb.WriteCapacityUnits"] = 808,
            ["emulator.batchesFifo"] = 96,
            ["emulator.batchesStandard"] = 592,
            ["emulator.falseEmptyReceives"] = 944,
            ["emulator.falseEmptyReceivesFifo"] = 47,
            ["emulator.falseEmptyReceivesStandard"] = 897,
            ["emulator.messagesReceivedFifo"] = 805,
            ["emulator.messagesReceivedStandard"] = 605,
            ["events.PutEvents"] = 402,
            ["events.PutEventsEntries"] = 605,
            ["sqs.DeleteMessageBatch"] = 688,
            ["sqs.ReceiveMessage"] = 1_669,
            ["sqs.SendMessage"] = 1_188,
            ["sqs.SendMessageBatch"] = 209,
            ["sqsFifo.DeleteMessageBatch"] = 96,
            ["sqsFifo.DeleteMessageBatchEntries"] = 805,
            ["sqsFifo.ReceiveMessage"] = 153,
            ["sqsFifo.SendMessage"] = 583,
            ["sqsFifo.SendMessageBatch"] = 209,
            ["sqsFifo.SendMessageBatchEntries"] = 222,
            ["sqsStandard.DeleteMessageBatch"] = 592,
            ["sqsStandard.DeleteMessageBatchEntries"] = 605,
            ["sqsStandard.ReceiveMessage"] = 1_516,
            ["sqsStandard.SendMessage"] = 605,
        });

    /// <summary>
    /// The counts of the same sample with direct dispatch (<c>--direct-dispatch</c>), measured 2026-11-25
    /// (<c>runs/order-fulfillment-200-emulators-run3-direct.json</c>); used only
    /// with <c>--offline</c>.
    /// </summary>
    public static Usage DocumentedDirect { get; } = new(
        "documented counts (--offline): 200 workflows, OrderFulfillment --target emulators --direct-dispatch",
        200,
        Compensated: 21,
        605,
        new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["dynamodb.BatchWriteItem"] = 3,
            ["dynamodb.GetItem"] = 848,
            ["dynamodb.PutItem"] = 805,
            ["dynamodb.ReadCapacityUnits"] = 848,
            ["dynamodb.WriteCapacityUnits"] = 808,
            ["emulator.batchesFifo"] = 144,
            ["emulator.batchesStandard"] = 271,
            ["emulator.falseEmptyReceives"] = 226,
            ["emulator.falseEmptyReceivesFifo"] = 61,
            ["emulator.falseEmptyReceivesStandard"] = 165,
            ["emulator.messagesReceivedFifo"] = 805,
            ["emulator.messagesReceivedStandard"] = 605,
            ["sqs.DeleteMessageBatch"] = 415,
            ["sqs.ReceiveMessage"] = 669,
            ["sqs.SendMessage"] = 182,
            ["sqs.SendMessageBatch"] = 894,
            ["sqsFifo.DeleteMessageBatch"] = 144,
            ["sqsFifo.DeleteMessageBatchEntries"] = 805,
            ["sqsFifo.ReceiveMessage"] = 213,
            ["sqsFifo.SendMessage"] = 182,
            ["sqsFifo.SendMessageBatch"] = 289,
            ["sqsFifo.SendMessageBatchEntries"] = 623,
            ["sqsStandard.DeleteMessageBatch"] = 271,
            ["sqsStandard.DeleteMessageBatchEntries"] = 605,
            ["sqsStandard.ReceiveMessage"] = 456,
            ["sqsStandard.SendMessageBatch"] = 605,
            ["sqsStandard.SendMessageBatchEntries"] = 605,
        });

    /// <summary>Orchestrator turns: one per start and one per applied result.</summary>
    public double Turns => Workflows + Steps;

    /// <summary>A count from the map; 0 when the run made no such request.</summary>
    public double this[string key] => Requests.TryGetValue(key, out var value) ? value : 0;

    /// <summary>Reads the sample's <c>--json</c> summary (its last line).</summary>
    public static Usage FromSummaryJson(string json, string source)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("awsRequests", out var requests) || requests.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException("The summary has no awsRequests: was the sample run with --target emulators?");
        }

        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var property in requests.EnumerateObject())
        {
            map[property.Name] = property.Value.GetDouble();
        }

        return new Usage(
            source,
            root.GetProperty("workflows").GetInt32(),
            root.GetProperty("compensated").GetInt32(),
            root.GetProperty("steps").GetInt64(),
            map);
    }

    /// <summary>One line per count, for the printed model.</summary>
    public IEnumerable<string> Describe() =>
        Requests.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key,-40} {r.Value,12:#,0.##}"));
}
