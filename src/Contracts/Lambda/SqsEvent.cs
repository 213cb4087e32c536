using System.Text.Json.Serialization;

namespace LambdaWorkflow.Contracts.Lambda;

/// <summary>The event Lambda's SQS event source mapping passes to a function (field names exactly as Lambda writes them).</summary>
public sealed record SqsEvent
{
    /// <summary>The batch.</summary>
    [JsonPropertyName("Records")]
    public IReadOnlyList<SqsMessageRecord> Records { get; init; } = [];
}
