using System.Text;
using LambdaWorkflow.Contracts.Messages;

namespace LambdaWorkflow.UnitTests.BadInput;

/// <summary>One hostile service queue message: its body, what must become of it, and, when it is answered, a check of the reply.</summary>
/// <param name="Body">The SQS body, as EventBridge would deliver a <c>CallRequested</c> event.</param>
/// <param name="Expect">Its disposition, reason and typed error.</param>
/// <param name="Reply">For a message that is answered: a check of the reply sent to the caller.</param>
internal sealed record ServiceCase(byte[] Body, Expected Expect, Action<InboxMessage>? Reply = null)
{
    /// <summary>A body given as JSON text.</summary>
    public ServiceCase(string body, Expected expect, Action<InboxMessage>? reply = null)
        : this(Encoding.UTF8.GetBytes(body), expect, reply)
    {
    }
}
