using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.ServiceHost;

namespace LambdaWorkflow.Simulation;

/// <summary>Kills a service after its side effect and before its reply is sent.</summary>
public sealed class ChaosReplySender(IReplySender inner, FaultInjector faults) : IReplySender
{
    public Task SendAsync(string replyTo, InboxMessage reply, CancellationToken cancellationToken = default) =>
        faults.Strikes(FaultKind.CrashAfterSideEffectBeforeReply)
            ? throw new SimulatedCrashException("after side effect, before reply")
            : inner.SendAsync(replyTo, reply, cancellationToken);
}
