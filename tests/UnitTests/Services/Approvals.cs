using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.UnitTests.ServiceHost;

namespace LambdaWorkflow.UnitTests.Services;

internal sealed record ApprovalRequest(string Document, decimal Amount);

internal sealed record Approval(string ApprovedBy, bool Approved);

/// <summary>An operation answered by a person, later: the callback case.</summary>
internal static class Approvals
{
    public static readonly ServiceOperation<ApprovalRequest, Approval> Request = new("approvals", "request");

    public static readonly ServiceOperation<ApprovalRequest, Approval> Other = new("approvals", "escalate");

    public static QueueMessage Message(string instanceId = "order-1", int callNumber = 1) =>
        CallMessages.Create(instanceId, callNumber, service: "approvals", operation: "request", payload: """{"document":"PO-7","amount":1200}""");
}
