using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.IntegrationTests.DynamoDb;

/// <summary>History events, metadata and commits for the DynamoDB store's own tests.</summary>
internal static class StateSamples
{
    public static readonly DateTimeOffset Epoch = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static string NewId() => "ddb-" + Guid.NewGuid().ToString("N")[..12];

    public static HistoryEvent Event(int sequence, HistoryEventType type = HistoryEventType.CallScheduled, string? payload = null) => new()
    {
        Sequence = sequence,
        Type = type,
        Timestamp = Epoch.AddSeconds(sequence),
        CallNumber = type == HistoryEventType.WorkflowStarted ? -1 : sequence,
        Service = type == HistoryEventType.CallScheduled ? "inventory" : null,
        Operation = type == HistoryEventType.CallScheduled ? "reserve" : null,
        Attempt = type == HistoryEventType.CallScheduled ? 1 : 0,
        Payload = payload is null ? default : JsonPayload.Parse(payload),
    };

    public static InstanceMetadata Metadata(string id, long version, int count, WorkflowStatus status = WorkflowStatus.Running) => new()
    {
        InstanceId = id,
        Workflow = "order",
        Status = status,
        Version = version,
        EventCount = count,
        Input = JsonPayload.Parse("{\"order\":1}"),
        CreatedAt = Epoch,
        UpdatedAt = Epoch.AddMinutes(version),
    };

    /// <summary>The commit that creates an instance with a started event and one scheduled call.</summary>
    public static InstanceCommit Start(string id) =>
        new(0, [Event(0, HistoryEventType.WorkflowStarted, "{\"order\":1}"), Event(1, payload: "{\"sku\":\"a\"}")], Metadata(id, 1, 2));

    /// <summary>A JSON string payload of about <paramref name="bytes"/> bytes.</summary>
    public static string JsonText(int bytes) => "\"" + new string('x', Math.Max(0, bytes - 2)) + "\"";
}
