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
    /// emulators, calls through EventBridge, replies batched per service batch (2026-11-25, <c>runs/order-fulfillment-200-emulators.json</c>); used only with <c>--offline</c>.
    /// </summary>
    public static Usage Documented { get; } = new(
        "documented counts (--offline): 200 workflows, OrderFulfillment --target emulators (2026-11-25)",
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
            ["dynamodb.GetItem"] = 820,
            ["dynamodb.BatchWriteItem"] = 3,
            ["dynamodb.PutItem"] = 805,
            ["events.PutEvents"] = 402,
            ["events.PutEventsEntries"] = 605,
            ["dynamodb.WriteCapacityUnits"] = 808,
            ["dynamodb.ReadCapacityUnits"] = 820,
        });

    /// <summary>
    /// The counts of the same sample with direct dispatch (<c>--direct-dispatch</c>), measured 2026-11-25
    /// (<c>runs/order-fulfillment-200-emulators-direct.json</c>); used only
    /// with <c>--offline</c>.
    /// </summary>
    public static Usage DocumentedDirect { get; } = new(
        "documented counts (--offline): 200 workflows, OrderFulfillment --target emulators --direct-dispatch",
        200,
        Compensated: 21,
        605,
        new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["sqs.SendMessageBatch"] = 896,
            ["sqs.SendMessage"] = 142,
            ["sqs.ReceiveMessage"] = 605,
            ["emulator.falseEmptyReceives"] = 217,
            ["sqs.DeleteMessageBatch"] = 360,
            ["dynamodb.GetItem"] = 846,
            ["dynamodb.BatchWriteItem"] = 3,
            ["dynamodb.PutItem"] = 805,
            ["dynamodb.WriteCapacityUnits"] = 808,
            ["dynamodb.ReadCapacityUnits"] = 846,
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
