using LambdaWorkflow.Contracts.Messages;

namespace LambdaWorkflow.ServiceHost;

/// <summary>A reply waiting to be sent with others of its batch.</summary>
/// <param name="ReplyTo">The caller's reply address (its inbox).</param>
/// <param name="Reply">The <c>CallCompleted</c> or <c>CallFailed</c> message.</param>
public sealed record OutgoingReply(string ReplyTo, InboxMessage Reply);
