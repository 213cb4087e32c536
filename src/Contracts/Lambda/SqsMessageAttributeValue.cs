using System.Text.Json.Serialization;

namespace LambdaWorkflow.Contracts.Lambda;

/// <summary>A user message attribute in a Lambda SQS event.</summary>
public sealed record SqsMessageAttributeValue
{
    /// <summary>The string value.</summary>
    [JsonPropertyName("stringValue")]
    public string? StringValue { get; init; }

    /// <summary>The binary value, base64.</summary>
    [JsonPropertyName("binaryValue")]
    public string? BinaryValue { get; init; }

    /// <summary>Reserved by SQS.</summary>
    [JsonPropertyName("stringListValues")]
    public IReadOnlyList<string>? StringListValues { get; init; }

    /// <summary>Reserved by SQS.</summary>
    [JsonPropertyName("binaryListValues")]
    public IReadOnlyList<string>? BinaryListValues { get; init; }

    /// <summary><c>String</c>, <c>Number</c> or <c>Binary</c>.</summary>
    [JsonPropertyName("dataType")]
    public string DataType { get; init; } = "String";
}
