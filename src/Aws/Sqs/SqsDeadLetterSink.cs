using System.Security.Cryptography;
using System.Text;
using Amazon.SQS;
using LambdaWorkflow.Contracts.Transport;

namespace LambdaWorkflow.Aws.Sqs;

/// <summary>
/// Sends dead letters to an SQS dead-letter queue: the original body unchanged, and the reason, source queue and
/// original message id as string message attributes named by <see cref="DeadLetterAttributes"/>.
/// </summary>
/// <remarks>
/// To a FIFO dead-letter queue the message keeps its group (or goes to group <c>dead-letters</c>) and is
/// deduplicated by its original message id, so dead-lettering the same delivery twice stores it once.
/// </remarks>
public sealed class SqsDeadLetterSink : IDeadLetterSink
{
    /// <summary>Longest reason kept, in characters; a longer one is cut, so the message still fits SQS's limit.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>The message group of dead letters that had none, on a FIFO dead-letter queue.</summary>
    public const string DefaultGroupId = "dead-letters";

    private readonly SqsSender _sender;
    private readonly SqsCallRunner _runner;
    private readonly bool _fifo;

    /// <summary>Creates the sink.</summary>
    /// <param name="sqs">The SQS client.</param>
    /// <param name="deadLetterQueueUrl">The dead-letter queue URL.</param>
    /// <param name="options">Retries, counter and limits; null for defaults.</param>
    public SqsDeadLetterSink(IAmazonSQS sqs, string deadLetterQueueUrl, SqsAdapterOptions? options = null)
    {
        SqsQueueUrl.Validate(deadLetterQueueUrl, nameof(deadLetterQueueUrl));
        _runner = new SqsCallRunner(sqs, options);
        _sender = new SqsSender(_runner);
        _fifo = SqsQueueUrl.IsFifo(deadLetterQueueUrl);
        QueueUrl = deadLetterQueueUrl;
    }

    /// <summary>The dead-letter queue URL.</summary>
    public string QueueUrl { get; }

    /// <inheritdoc />
    /// <exception cref="SqsException">SQS refused the message or stayed unavailable through the retries.</exception>
    public async Task SendAsync(QueueMessage message, string reason, string? sourceQueue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DeadLetterAttributes.Reason] = reason.Length > MaxReasonLength ? reason[..(MaxReasonLength - 1)] + "…" : reason,
            [DeadLetterAttributes.OriginalMessageId] = message.MessageId,
        };
        if (!string.IsNullOrEmpty(sourceQueue))
        {
            attributes[DeadLetterAttributes.SourceQueue] = sourceQueue;
        }

        var outgoing = new SqsOutgoingMessage(Encoding.UTF8.GetString(message.Body.Span), $"dead letter of message '{message.MessageId}'")
        {
            Attributes = attributes,
            GroupId = _fifo ? message.GroupId ?? DefaultGroupId : null,
            DeduplicationId = _fifo ? DeduplicationIdOf(message.MessageId) : null,
        };
        await _sender.SendAsync(QueueUrl, outgoing, cancellationToken).ConfigureAwait(false);
        SqsLog.DeadLettered(_runner.Logger, message.MessageId, QueueUrl, attributes[DeadLetterAttributes.Reason]);
    }

    // A hash fits SQS's 128-character alphabet whatever the source's message ids look like.
    private static string DeduplicationIdOf(string messageId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)));
}
