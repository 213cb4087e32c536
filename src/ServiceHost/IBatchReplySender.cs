using LambdaWorkflow.Contracts.Messages;

namespace LambdaWorkflow.ServiceHost;

/// <summary>
/// A reply sender that can also send the replies of a whole batch of calls together, in fewer requests. The
/// dispatcher then holds each reply of a batch until every message of the batch is handled and sends them at once;
/// a reply that could not be sent fails its own message only, which is redelivered.
/// </summary>
public interface IBatchReplySender : IReplySender
{
    /// <summary>Sends the replies, each to its <c>replyTo</c> address, in as few requests as the transport allows.</summary>
    /// <param name="replies">The replies, in the order handled.</param>
    /// <param name="cancellationToken">Cancels the sends.</param>
    /// <returns>
    /// One entry per reply, in order: null when the reply was sent, otherwise why it was not (it may still have been
    /// sent; the caller treats it as unsent and has it sent again, which the receiver tolerates).
    /// </returns>
    Task<IReadOnlyList<Exception?>> SendBatchAsync(IReadOnlyList<OutgoingReply> replies, CancellationToken cancellationToken = default);
}
