using System.Text.Json.Serialization;

namespace LambdaWorkflow.Contracts.Lambda;

/// <summary>One failed message of a batch.</summary>
/// <param name="ItemIdentifier">The SQS message id.</param>
public sealed record BatchItemFailure([property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);
