using System.Globalization;
using System.Text;
using LambdaWorkflow.Aws.Diagnostics;
using LambdaWorkflow.Aws.DynamoDb;

namespace LambdaWorkflow.Emulators;

/// <summary>
/// The AWS usage of a run: every request by service and operation, the PutEvents entries, and the DynamoDB capacity
/// units the responses reported. Enough to price a run, or a step by dividing.
/// </summary>
/// <param name="Requests">What the request meter counted.</param>
/// <param name="DynamoDb">What the state stores counted, capacity units included.</param>
public sealed record AwsUsageReport(AwsRequestCounts Requests, DynamoDbUsageSnapshot DynamoDb)
{
    /// <summary>Key of the PutEvents entries sent.</summary>
    public const string PutEventsEntriesKey = "events.PutEventsEntries";

    /// <summary>Key of the PutEvents entries that failed.</summary>
    public const string PutEventsFailedEntriesKey = "events.PutEventsFailedEntries";

    /// <summary>Key of the read capacity units consumed.</summary>
    public const string ReadCapacityUnitsKey = "dynamodb.ReadCapacityUnits";

    /// <summary>Key of the write capacity units consumed.</summary>
    public const string WriteCapacityUnitsKey = "dynamodb.WriteCapacityUnits";

    /// <summary>
    /// Key of the receives that came back empty before their long-poll wait was over: the SQS emulator wakes every
    /// waiting receive of a queue when one message arrives, which SQS does not (its long polls return empty only when
    /// the wait expires). Counted in <c>sqs.ReceiveMessage</c> too; a cost model subtracts them.
    /// </summary>
    public const string FalseEmptyReceivesKey = "emulator.falseEmptyReceives";

    /// <summary>See <see cref="FalseEmptyReceivesKey"/>.</summary>
    public long FalseEmptyReceives { get; init; }

    /// <summary>
    /// What the event source mappings received, by queue type; null leaves those keys out. Written as
    /// <c>emulator.{falseEmptyReceives|batches|messagesReceived}{Fifo|Standard}</c>.
    /// </summary>
    public MappingUsage? Mappings { get; init; }

    /// <summary>
    /// Prefix of the SQS requests counted by queue type: <c>sqsFifo.ReceiveMessage</c>, <c>sqsStandard.SendMessage</c>
    /// (<c>sqsUnknown.</c> when a request names no queue); a batch's entries under <c>{operation}Entries</c>
    /// (<c>sqsFifo.SendMessageBatchEntries</c>). Also counted in the <c>sqs.</c> keys.
    /// </summary>
    public const string SqsQueueTypePrefix = "sqs";

    /// <summary>Key of all requests together.</summary>
    public const string TotalRequestsKey = "totalRequests";

    /// <summary>
    /// One flat map: <c>{service}.{operation}</c> request counts, <c>{service}.{operation}.{error}</c> failed-request
    /// counts, then the keys above.
    /// </summary>
    public IReadOnlyDictionary<string, double> ToDictionary()
    {
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, count) in Requests.Requests)
        {
            result[key] = count;
        }

        foreach (var (key, count) in Requests.Errors)
        {
            result[key] = count;
        }

        result[PutEventsEntriesKey] = Requests.PutEventsEntries;
        result[PutEventsFailedEntriesKey] = Requests.PutEventsFailedEntries;
        result[ReadCapacityUnitsKey] = Math.Round(DynamoDb.ReadCapacityUnits, 2);
        result[WriteCapacityUnitsKey] = Math.Round(DynamoDb.WriteCapacityUnits, 2);
        result[FalseEmptyReceivesKey] = FalseEmptyReceives;
        foreach (var (key, count) in Requests.SqsRequestsByQueueType)
        {
            result[QueueTypeKey(key, string.Empty)] = count;
        }

        foreach (var (key, count) in Requests.SqsEntriesByQueueType)
        {
            result[QueueTypeKey(key, "Entries")] = count;
        }

        if (Mappings is { } mappings)
        {
            result["emulator.falseEmptyReceivesFifo"] = mappings.FalseEmptyReceivesFifo;
            result["emulator.batchesFifo"] = mappings.BatchesFifo;
            result["emulator.messagesReceivedFifo"] = mappings.MessagesFifo;
            result["emulator.falseEmptyReceivesStandard"] = mappings.FalseEmptyReceivesStandard;
            result["emulator.batchesStandard"] = mappings.BatchesStandard;
            result["emulator.messagesReceivedStandard"] = mappings.MessagesStandard;
        }

        result[TotalRequestsKey] = Requests.TotalRequests;
        return result;
    }

    // "fifo.SendMessageBatch" becomes "sqsFifo.SendMessageBatch": one dot, as a request kind (more mark an error kind).
    private static string QueueTypeKey(string key, string suffix)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        var type = key[..dot];
        return string.Concat(SqsQueueTypePrefix, char.ToUpperInvariant(type[0]).ToString(), type[1..], key[dot..], suffix);
    }

    /// <summary>The map as aligned lines, for test output and logs.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        var entries = ToDictionary();
        var width = entries.Keys.Max(key => key.Length);
        foreach (var (key, value) in entries)
        {
            text.Append(key.PadRight(width)).Append("  ").AppendLine(value.ToString("#,0.##", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
