using System.Text.Json;

namespace LambdaWorkflow.Cli.DeadLetters;

/// <summary>A dead-lettered message as <c>lwf dlq peek</c> prints it.</summary>
/// <param name="MessageId">Its id in the dead-letter queue.</param>
/// <param name="SentAt">When it entered the dead-letter queue.</param>
/// <param name="ReceiveCount">How often it has been received there (peeks included).</param>
/// <param name="GroupId">Its FIFO message group (the instance id, for inbox messages).</param>
/// <param name="Kind">What it is: an inbox message type, <c>CallRequested service.operation</c>, or <c>unreadable</c>.</param>
/// <param name="InstanceId">The workflow instance it concerns, when readable.</param>
/// <param name="Reason">Why it was dead-lettered (<c>lwf-dead-letter-reason</c>); null when SQS's redrive policy moved it.</param>
/// <param name="SourceQueue">Where it came from (<c>lwf-source-queue</c>), if recorded.</param>
/// <param name="OriginalMessageId">Its id in the source queue (<c>lwf-original-message-id</c>), if recorded.</param>
/// <param name="Body">The body, when it is JSON.</param>
/// <param name="BodyText">The body, when it is not JSON.</param>
public sealed record DeadLetterView(
    string MessageId,
    DateTimeOffset? SentAt,
    int ReceiveCount,
    string? GroupId,
    string Kind,
    string? InstanceId,
    string? Reason,
    string? SourceQueue,
    string? OriginalMessageId,
    JsonElement? Body,
    string? BodyText);
