using LambdaWorkflow.Orchestrator;

namespace LambdaWorkflow.UnitTests.Engine;

/// <summary>Waits on durable timers between calls; returns how much workflow time passed.</summary>
internal sealed class TimerWorkflow : IWorkflow<int, string>
{
    public static readonly WorkflowDefinition<int, string> Definition = new("timers");

    public async Task<string> RunAsync(WorkflowContext<int> context)
    {
        var started = context.UtcNow;
        await context.DelayAsync(TimeSpan.FromHours(1));
        var doubled = await context.CallAsync(TestOperations.Double, context.Request);
        await context.CreateTimerAsync(started.AddDays(3));
        return $"{doubled}|{(context.UtcNow - started).TotalHours}";
    }
}

/// <summary>A call with a timeout: the reply or the timer, whichever comes first.</summary>
internal sealed class CallTimeoutWorkflow : IWorkflow<int, string>
{
    public static readonly WorkflowDefinition<int, string> Definition = new("call-timeout");

    public async Task<string> RunAsync(WorkflowContext<int> context)
    {
        try
        {
            var result = await context.CallAsync(TestOperations.Double, context.Request, new CallOptions { Timeout = TimeSpan.FromMinutes(5) });
            return "replied:" + result;
        }
        catch (CallTimeoutException ex)
        {
            return "timed out after " + ex.Timeout.TotalMinutes + " min";
        }
    }
}

/// <summary>Durable retries of a call that always fails: three attempts, backoff timers between them.</summary>
internal sealed class RetryingWorkflow : IWorkflow<int, string>
{
    public static readonly WorkflowDefinition<int, string> Definition = new("retrying");

    public async Task<string> RunAsync(WorkflowContext<int> context)
    {
        var policy = new CallRetryPolicy { MaxAttempts = 3, InitialInterval = TimeSpan.FromSeconds(10) };
        try
        {
            return await context.CallAsync(TestOperations.Fail, "card", new CallOptions { Retry = policy });
        }
        catch (CallFailedException ex)
        {
            return "gave up: " + ex.ErrorType;
        }
    }
}

/// <summary>A human approval with a 3-day timeout and an escalation.</summary>
internal sealed class ApprovalWorkflow : IWorkflow<int, string>
{
    public static readonly WorkflowDefinition<int, string> Definition = new("approval");

    public async Task<string> RunAsync(WorkflowContext<int> context)
    {
        await context.CallAsync(TestOperations.Echo, "notify-approver");
        try
        {
            var approved = await context.WaitForEventAsync<bool>("approval", TimeSpan.FromDays(3));
            return approved ? "approved" : "rejected";
        }
        catch (EventTimeoutException)
        {
            var escalated = await context.CallAsync(TestOperations.Echo, "escalate");
            return "escalated:" + escalated;
        }
    }
}

/// <summary>Observes cancellation and compensates before ending as cancelled.</summary>
internal sealed class CancellableWorkflow : IWorkflow<int, string>
{
    public static readonly WorkflowDefinition<int, string> Definition = new("cancellable");

    public async Task<string> RunAsync(WorkflowContext<int> context)
    {
        var reserved = await context.CallAsync(TestOperations.Reserve, new Item("desk", 1));
        try
        {
            await context.DelayAsync(TimeSpan.FromDays(1));
            return "kept " + reserved.Name;
        }
        catch (OperationCanceledException)
        {
            await context.CallAsync(TestOperations.Echo, "release-" + reserved.Name, cancellationToken: CancellationToken.None);
            throw;
        }
    }
}

/// <summary>Publishes its progress as a custom status.</summary>
internal sealed class StatusWorkflow : IWorkflow<int, int>
{
    public static readonly WorkflowDefinition<int, int> Definition = new("status");

    public async Task<int> RunAsync(WorkflowContext<int> context)
    {
        var total = 0;
        for (var i = 1; i <= context.Request; i++)
        {
            context.SetCustomStatus($"step {i} of {context.Request}");
            total += await context.CallAsync(TestOperations.Double, i);
        }

        context.SetCustomStatus("done");
        return total;
    }
}
