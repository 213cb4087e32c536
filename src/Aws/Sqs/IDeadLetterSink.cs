using LambdaWorkflow.Contracts.Transport;

namespace LambdaWorkflow.Aws.Sqs;

/// <summary>Keeps a message that can never be processed, with the reason, for an operator to inspect and redrive.</summary>
public interface IDeadLetterSink
{
    /// <summary>Stores the message with its original body; throws when it could not, so the message is not deleted.</summary>
    /// <param name="message">The message as received.</param>
    /// <param name="reason">Why it cannot be processed.</param>
    /// <param name="sourceQueue">The queue it came from (URL or ARN), if known.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    Task SendAsync(QueueMessage message, string reason, string? sourceQueue, CancellationToken cancellationToken = default);
}
