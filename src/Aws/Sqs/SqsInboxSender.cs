using Amazon.SQS;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator.Publishing;

namespace LambdaWorkflow.Aws.Sqs;

/// <summary>
/// Sends messages to the workflow inbox, a FIFO queue: message group = instance id, deduplication id = the
/// message's <see cref="InboxMessage.DeduplicationId"/>, so a message sent twice within SQS's five-minute window is
/// delivered once. Batches of up to 10 messages and 256 KiB a request.
/// </summary>
/// <remarks>
/// SQS enqueues a batch's entries in order. If SQS fails one entry on its side and accepts later ones of the same
/// instance, the retried entry lands after them; the orchestrator tolerates that, since results are applied by call
/// number, not by arrival.
/// </remarks>
public sealed class SqsInboxSender : IInboxSender
{
    private readonly SqsSender _sender;

    /// <summary>Creates the sender.</summary>
    /// <param name="sqs">The SQS client.</param>
    /// <param name="queueUrl">The inbox queue URL; it must be a FIFO queue (its name ends in <c>.fifo</c>).</param>
    /// <param name="options">Retries, counter and limits; null for defaults.</param>
    /// <exception cref="ArgumentException"><paramref name="queueUrl"/> is not the URL of a FIFO queue.</exception>
    public SqsInboxSender(IAmazonSQS sqs, string queueUrl, SqsAdapterOptions? options = null)
    {
        SqsQueueUrl.Validate(queueUrl, nameof(queueUrl));
        if (!SqsQueueUrl.IsFifo(queueUrl))
        {
            throw new ArgumentException(
                $"The inbox '{queueUrl}' must be a FIFO queue (its name ends in .fifo): one message group per instance keeps each instance's messages in order.",
                nameof(queueUrl));
        }

        _sender = new SqsSender(new SqsCallRunner(sqs, options));
        Address = queueUrl;
    }

    /// <summary>The inbox queue URL, which services reply to.</summary>
    public string Address { get; }

    /// <inheritdoc />
    /// <exception cref="SqsException">A message is over the size limit, SQS refused one (named), or SQS stayed unavailable through the retries; messages before it were sent.</exception>
    public Task SendAsync(IReadOnlyList<InboxMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return Task.CompletedTask;
        }

        var outgoing = new SqsOutgoingMessage[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            outgoing[i] = SqsOutgoingMessage.FromInbox(messages[i], fifo: true);
        }

        return _sender.SendBatchesAsync(Address, outgoing, cancellationToken);
    }
}
