using LambdaWorkflow.Contracts.Messages;

namespace LambdaWorkflow.ServiceHost;

/// <summary>Sends a service's reply (<c>CallCompleted</c> or <c>CallFailed</c>) to the caller's <c>replyTo</c> address.</summary>
public interface IReplySender
{
    /// <summary>Sends one reply; throws when it could not be sent, so the command is redelivered.</summary>
    Task SendAsync(string replyTo, InboxMessage reply, CancellationToken cancellationToken = default);
}
