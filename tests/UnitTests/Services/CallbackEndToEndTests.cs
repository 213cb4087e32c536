using System.Threading.Channels;
using LambdaWorkflow.Local.Hosting;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.ServiceHost.Callbacks;
using LambdaWorkflow.UnitTests.Engine;
using Microsoft.Extensions.Time.Testing;

namespace LambdaWorkflow.UnitTests.Services;

/// <summary>
/// The check on the embedded runtime: a workflow calls an operation that answers "pending"; a completion
/// from outside resumes it with the result, and a callback nobody completes fails the call with
/// <c>CallbackTimedOut</c> when the fake clock passes its timeout, which the workflow catches.
/// </summary>
public sealed class CallbackEndToEndTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly Channel<string> _tokens = Channel.CreateUnbounded<string>();
    private readonly EmbeddedRuntime _runtime;
    private int _handlerRuns;

    public CallbackEndToEndTests()
    {
        var services = new ServiceRegistry()
            .MapCallback(Approvals.Request, (_, context, _) =>
            {
                Interlocked.Increment(ref _handlerRuns);
                var token = context.CreateCallbackToken(timeout: TimeSpan.FromMinutes(20));
                _tokens.Writer.TryWrite(token.Value);
                return Task.FromResult(ServiceReply.Pending<Approval>(token));
            })
            .Map(TestOperations.Echo, (text, _, _) => Task.FromResult(text));
        _runtime = new EmbeddedRuntime(
            new WorkflowRegistry().Add<ApprovalWorkflow, string, string>(ApprovalWorkflow.Definition),
            services,
            new EmbeddedRuntimeOptions { TimeProvider = _time });
    }

    public async ValueTask DisposeAsync() => await _runtime.DisposeAsync();

    [Fact]
    public async Task CallbackCompletedFromOutside_ResumesTheWorkflowWithTheResult()
    {
        await _runtime.StartAsync();
        await _runtime.Client.StartAsync(ApprovalWorkflow.Definition, "PO-7", "approve-1");
        var token = await NextTokenAsync();

        var status = await _runtime.Callbacks.CompleteCallAsync(Approvals.Request, token, new Approval("ann", true));
        var result = await ResultAsync("approve-1");

        Assert.Equal(CallbackStatus.Accepted, status);
        Assert.Equal("approved-by-ann", result);
        Assert.Equal(1, _handlerRuns);
        Assert.Equal(CallbackStatus.AlreadyCompleted, await _runtime.Callbacks.CompleteCallAsync(Approvals.Request, token, new Approval("bob", true)));
    }

    [Fact]
    public async Task CallbackFailedFromOutside_TheWorkflowCatchesTheError()
    {
        await _runtime.StartAsync();
        await _runtime.Client.StartAsync(ApprovalWorkflow.Definition, "PO-8", "reject-1");

        await _runtime.Callbacks.FailCallAsync(await NextTokenAsync(), "ApprovalRejected", "over budget");

        Assert.Equal("rejected:ApprovalRejected", await ResultAsync("reject-1"));
    }

    [Fact]
    public async Task CallbackNobodyCompletes_TimesOutAndTheWorkflowCatchesCallbackTimedOut()
    {
        await _runtime.StartAsync();
        await _runtime.Client.StartAsync(ApprovalWorkflow.Definition, "PO-9", "timeout-1");
        var token = await NextTokenAsync();
        var service = _runtime.Queues.GetQueue("lwf-approvals");

        // The 20-minute timeout takes two checks: the queue caps a delay at 15 minutes, and the early check reschedules.
        using var patience = new CancellationTokenSource(Patience);
        while ((await _runtime.Client.GetStatusAsync("timeout-1"))?.Status is null or WorkflowStatus.Running)
        {
            if (service.GetCounts().Delayed > 0 || _time.GetUtcNow() > new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero))
            {
                _time.Advance(TimeSpan.FromMinutes(1));
            }

            await Task.Delay(10, patience.Token);
        }

        Assert.Equal("rejected:CallbackTimedOut", await ResultAsync("timeout-1"));
        Assert.InRange(_time.GetUtcNow(), new DateTimeOffset(2026, 11, 25, 9, 20, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 9, 22, 0, TimeSpan.Zero));
        Assert.Equal(CallbackStatus.AlreadyCompleted, await _runtime.Callbacks.CompleteCallAsync(Approvals.Request, token, new Approval("late", true)));
    }

    private async Task<string> NextTokenAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        return await _tokens.Reader.ReadAsync(patience.Token);
    }

    /// <summary>Polls the store in real time: the client's own wait runs on the fake clock.</summary>
    private async Task<string> ResultAsync(string instanceId)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            var metadata = await _runtime.Client.GetStatusAsync(instanceId, patience.Token);
            if (metadata is { Status: not WorkflowStatus.Running })
            {
                Assert.Equal(WorkflowStatus.Completed, metadata.Status);
                return metadata.Output.Deserialize(ApprovalWorkflow.Definition.ResultType);
            }

            await Task.Delay(10, patience.Token);
        }
    }
}

/// <summary>Asks for an approval that a person gives later, then goes on; a rejection or timeout is caught.</summary>
internal sealed class ApprovalWorkflow : IWorkflow<string, string>
{
    public static readonly WorkflowDefinition<string, string> Definition = new("approval");

    public async Task<string> RunAsync(WorkflowContext<string> context)
    {
        try
        {
            var approval = await context.CallAsync(Approvals.Request, new ApprovalRequest(context.Request, 1200));
            return await context.CallAsync(TestOperations.Echo, "approved-by-" + approval.ApprovedBy);
        }
        catch (CallFailedException ex)
        {
            return "rejected:" + ex.ErrorType;
        }
    }
}
