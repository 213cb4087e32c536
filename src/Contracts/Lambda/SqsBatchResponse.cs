using System.Text.Json.Serialization;

namespace LambdaWorkflow.Contracts.Lambda;

/// <summary>The partial batch response (<c>ReportBatchItemFailures</c>): the messages Lambda must not delete.</summary>
public sealed record SqsBatchResponse
{
    /// <summary>The failed messages.</summary>
    [JsonPropertyName("batchItemFailures")]
    public IReadOnlyList<BatchItemFailure> BatchItemFailures { get; init; } = [];
}
