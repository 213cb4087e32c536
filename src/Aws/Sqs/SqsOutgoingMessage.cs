using LambdaWorkflow.Contracts.Messages;

namespace LambdaWorkflow.Aws.Sqs;

/// <summary>A message about to be sent: its body, FIFO fields and string attributes, and how to name it in errors.</summary>
/// <param name="Body">The body text.</param>
/// <param name="Description">The message as a human reads it in an error, such as <c>CallCompleted 'completed|order-1#3' of instance 'order-1'</c>.</param>
internal sealed record SqsOutgoingMessage(string Body, string Description)
{
    /// <summary>The FIFO message group; null on a standard queue.</summary>
    public string? GroupId { get; init; }

    /// <summary>The FIFO deduplication id; null on a standard queue.</summary>
    public string? DeduplicationId { get; init; }

    /// <summary>SQS delivery delay in seconds (0–900, standard queues only); null for none.</summary>
    public int? DelaySeconds { get; init; }

    /// <summary>String message attributes, if any.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    /// <summary>The size SQS counts against its limits: the body and each attribute's name, type and value, in UTF-8 bytes.</summary>
    public int Size => SqsMessageSize.Of(Body, Attributes);

    /// <summary>An inbox message; on a FIFO queue its group is the instance id and its deduplication id derives from its identity.</summary>
    public static SqsOutgoingMessage FromInbox(InboxMessage message, bool fifo)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrEmpty(message.InstanceId))
        {
            throw new ArgumentException($"The {message.Type} message has no instance id; it names the instance's message group.", nameof(message));
        }

        return new SqsOutgoingMessage(InboxMessageReader.ToJson(message), $"{message.Type} '{message.Identity}' of instance '{message.InstanceId}'")
        {
            GroupId = fifo ? message.InstanceId : null,
            DeduplicationId = fifo ? message.DeduplicationId : null,
        };
    }
}
