using System.Text.Json.Serialization;

namespace LambdaWorkflow.Contracts.Lambda;

/// <summary>One SQS message in a Lambda SQS event.</summary>
public sealed record SqsMessageRecord
{
    /// <summary>SQS message id; the <c>itemIdentifier</c> of a batch item failure.</summary>
    [JsonPropertyName("messageId")]
    public string MessageId { get; init; } = string.Empty;

    /// <summary>The receipt handle.</summary>
    [JsonPropertyName("receiptHandle")]
    public string? ReceiptHandle { get; init; }

    /// <summary>The message body.</summary>
    [JsonPropertyName("body")]
    public string Body { get; init; } = string.Empty;

    /// <summary>System attributes: <c>ApproximateReceiveCount</c>, <c>SentTimestamp</c>, <c>MessageGroupId</c>, …</summary>
    [JsonPropertyName("attributes")]
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    /// <summary>User message attributes.</summary>
    [JsonPropertyName("messageAttributes")]
    public IReadOnlyDictionary<string, SqsMessageAttributeValue>? MessageAttributes { get; init; }

    /// <summary>MD5 of the body.</summary>
    [JsonPropertyName("md5OfBody")]
    public string? Md5OfBody { get; init; }

    /// <summary>Always <c>aws:sqs</c>.</summary>
    [JsonPropertyName("eventSource")]
    public string? EventSource { get; init; }

    /// <summary>The queue's ARN.</summary>
    [JsonPropertyName("eventSourceARN")]
    public string? EventSourceArn { get; init; }

    /// <summary>The queue's region.</summary>
    [JsonPropertyName("awsRegion")]
    public string? AwsRegion { get; init; }
}
