using Amazon.SQS;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.ServiceHost;

namespace LambdaWorkflow.Aws.Sqs;

/// <summary>
/// Sends a service's reply to the queue URL the call named as <c>replyTo</c>. To a FIFO queue (name ending in
/// <c>.fifo</c>) the reply goes with the instance id as message group and its deduplication id, so a resent reply
/// is dropped; to a standard queue, plainly.
/// </summary>
public sealed class SqsReplySender : IReplySender
{
    private readonly SqsSender _sender;

    /// <summary>Creates the sender.</summary>
    /// <param name="sqs">The SQS client.</param>
    /// <param name="options">Retries, counter and limits; null for defaults.</param>
    public SqsReplySender(IAmazonSQS sqs, SqsAdapterOptions? options = null) =>
        _sender = new SqsSender(new SqsCallRunner(sqs, options));

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="replyTo"/> is not a queue URL.</exception>
    /// <exception cref="SqsException">The reply is over the size limit, SQS refused it, or SQS stayed unavailable through the retries.</exception>
    public Task SendAsync(string replyTo, InboxMessage reply, CancellationToken cancellationToken = default)
    {
        SqsQueueUrl.Validate(replyTo, nameof(replyTo));
        ArgumentNullException.ThrowIfNull(reply);
        return _sender.SendAsync(replyTo, SqsOutgoingMessage.FromInbox(reply, SqsQueueUrl.IsFifo(replyTo)), cancellationToken);
    }
}
