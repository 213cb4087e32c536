using System.Text.Json.Serialization;

namespace BatchFanOut.Domain;

/// <summary>Source-generated JSON for every payload of the sample and its summary.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BatchRequest))]
[JsonSerializable(typeof(BatchResult))]
[JsonSerializable(typeof(BatchProgress))]
[JsonSerializable(typeof(BatchItem))]
[JsonSerializable(typeof(ItemResult))]
[JsonSerializable(typeof(PostEntry))]
[JsonSerializable(typeof(Posted))]
[JsonSerializable(typeof(BatchSummary))]
public sealed partial class BatchJson : JsonSerializerContext;
