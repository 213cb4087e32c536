using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>
/// Scheduled calls are the outbox: a call is in it from the turn that scheduled it until its result is in history.
/// A redelivered message republishes what is in it, because the crash may have come before the publish.
/// </summary>
internal static class Outbox
{
    public static CallRequest ToCommand(HistoryEvent scheduled, string callId, string instanceId, string workflow, string replyTo) => new()
    {
        CallId = callId,
        InstanceId = instanceId,
        Workflow = workflow,
        Service = scheduled.Service!,
        Operation = scheduled.Operation!,
        Attempt = scheduled.Attempt,
        ReplyTo = replyTo,
        Payload = scheduled.Payload,
        RequestedAt = scheduled.Timestamp,
    };
}
