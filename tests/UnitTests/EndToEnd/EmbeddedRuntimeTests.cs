using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Local.Hosting;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.UnitTests.Engine;

namespace LambdaWorkflow.UnitTests.EndToEnd;

public sealed class EmbeddedRuntimeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Client_StartAndWait_ReturnsTheWorkflowsTypedResult()
    {
        await using var runtime = await StartAsync(Services());

        var id = await runtime.Client.StartAsync(FanOutWorkflow.Definition, 4, "fan-1");
        var result = await runtime.Client.WaitForResultAsync(FanOutWorkflow.Definition, id, Timeout());

        Assert.Equal(400, result);
        Assert.Equal(5, await runtime.Counters.StepsAppliedAtLeastAsync(5));
    }

    [Fact]
    public async Task Client_StartSameInstanceTwice_RunsItOnce()
    {
        await using var runtime = await StartAsync(Services());

        await runtime.Client.StartAsync(SequentialWorkflow.Definition, 1, "dup");
        await runtime.Client.StartAsync(SequentialWorkflow.Definition, 1, "dup");
        var result = await runtime.Client.WaitForResultAsync(SequentialWorkflow.Definition, "dup", Timeout());

        Assert.Equal(8, result);
        Assert.Equal(3, await runtime.Counters.StepsAppliedAtLeastAsync(3));
    }

    [Fact]
    public async Task Client_WorkflowThatFails_ThrowsWorkflowFailedWithRecordedError()
    {
        await using var runtime = await StartAsync(Services());

        await runtime.Client.StartAsync(CompensatingWorkflow.Definition, "rethrow", "fails");
        var error = await Assert.ThrowsAsync<WorkflowFailedException>(() => runtime.Client.WaitForResultAsync(CompensatingWorkflow.Definition, "fails", Timeout()));

        Assert.Equal(WorkflowStatus.Failed, error.Status);
        Assert.Equal(nameof(CallFailedException), error.Failure!.ErrorType);
        Assert.Contains("PaymentDeclined", error.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceQueue_PoisonMessage_LandsInDlqWithReasonAndOthersComplete()
    {
        await using var runtime = await StartAsync(Services());
        runtime.Queues.GetQueue("lwf-math").Send("{\"detail-type\":\"CallRequested\",\"detail\":{\"callId\":42}}");

        var id = await runtime.Client.StartAsync(FanOutWorkflow.Definition, 3, "beside-poison");
        Assert.Equal(144, await runtime.Client.WaitForResultAsync(FanOutWorkflow.Definition, id, Timeout()));

        var dead = await runtime.Queues.GetQueue("lwf-math-dlq").ReceiveAsync(1, TimeSpan.FromSeconds(5));
        var message = Assert.Single(dead);
        Assert.Contains("detail.callId", message.Attributes[DeadLetterAttributes.Reason], StringComparison.Ordinal);
        Assert.Equal("lwf-math", message.Attributes[DeadLetterAttributes.SourceQueue]);
    }

    [Fact]
    public async Task Inbox_MalformedMessage_LandsInInboxDlqWithReason()
    {
        await using var runtime = await StartAsync(Services());
        runtime.Queues.GetQueue("lwf-inbox.fifo").Send("{\"type\":\"CallCompleted\",\"instanceId\":\"x\"}", groupId: "x", deduplicationId: "d1");

        var dead = await runtime.Queues.GetQueue("lwf-inbox-dlq.fifo").ReceiveAsync(1, TimeSpan.FromSeconds(5));

        var message = Assert.Single(dead);
        Assert.Contains("Field 'callId' is missing", message.Attributes[DeadLetterAttributes.Reason], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_TransientFailureUntilRetriesRunOut_WorkflowSeesCallFailed()
    {
        var attempts = 0;
        var services = new ServiceRegistry()
            .Map(TestOperations.Reserve, (item, _, _) => Task.FromResult(item))
            .Map(TestOperations.Echo, (text, _, _) => Task.FromResult(text))
            .Map(TestOperations.Fail, (text, _, _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new TimeoutException("downstream timed out");
            });
        await using var runtime = await StartAsync(services);

        await runtime.Client.StartAsync(CompensatingWorkflow.Definition, "keep", "retries");
        var result = await runtime.Client.WaitForResultAsync(CompensatingWorkflow.Definition, "retries", Timeout());

        Assert.Equal("compensated:TimeoutException", result);
        Assert.Equal(3, attempts); // the first try and two retries
    }

    [Fact]
    public async Task Bus_CallToServiceWithoutRule_IsKeptInUnroutedQueue()
    {
        await using var runtime = await StartAsync(new ServiceRegistry().Map(TestOperations.Echo, (text, _, _) => Task.FromResult(text)));

        await runtime.Client.StartAsync(SequentialWorkflow.Definition, 1, "no-route");
        var unrouted = await runtime.Queues.GetQueue("lwf-unrouted").ReceiveAsync(1, TimeSpan.FromSeconds(5));

        Assert.Contains("\"service\":\"math\"", Assert.Single(unrouted).Body, StringComparison.Ordinal);
        Assert.Equal(1, runtime.Bus.Unrouted);
        Assert.Contains(runtime.GetQueueDepths(), d => d.Queue == "lwf-unrouted" && d.InFlight == 1);
    }

    [Fact]
    public async Task Runtime_RecordsPastTheirRetention_ArePurgedOnTheRuntimesClock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var options = new EmbeddedRuntimeOptions { TimeProvider = clock, IdempotencyPurgeInterval = TimeSpan.FromMinutes(1) };
        options.ServiceIdempotency.Retention = TimeSpan.FromMinutes(10);
        await using var runtime = new EmbeddedRuntime(ReplayDriver.Registry(), Services(), options);
        await runtime.StartAsync();
        await runtime.Client.StartAsync(FanOutWorkflow.Definition, 4, "fan-purge");
        await runtime.Client.WaitForResultAsync(FanOutWorkflow.Definition, "fan-purge", Timeout());
        var records = (LambdaWorkflow.Local.Idempotency.InMemoryIdempotencyStore)runtime.ServiceIdempotencyStore;
        Assert.Equal(5, records.Count);

        // The result is visible before the pumps delete their last messages: the clock moves only once nothing is in
        // flight, so no visibility timeout or lease on the fake clock runs out under a message still being handled.
        while (runtime.GetQueueDepths().Any(q => q.Visible + q.InFlight + q.Delayed > 0))
        {
            await Task.Delay(5);
        }

        clock.Advance(TimeSpan.FromMinutes(5)); // within the retention: kept for duplicates
        Assert.Equal(5, records.Count);
        clock.Advance(TimeSpan.FromMinutes(7)); // past it: the next purge tick drops them

        Assert.Equal(0, records.Count);
    }

    private static ServiceRegistry Services() => new ServiceRegistry()
        .Map(TestOperations.Double, (n, _, _) => Task.FromResult(n * 2))
        .Map(TestOperations.Square, (n, _, _) => Task.FromResult(n * n))
        .Map(TestOperations.Echo, (text, _, _) => Task.FromResult(text))
        .Map(TestOperations.Reserve, (item, _, _) => Task.FromResult(item))
        .Map(TestOperations.Fail, (_, _, _) => Task.FromException<string>(new ServiceException("PaymentDeclined", "card declined")));

    private static async Task<EmbeddedRuntime> StartAsync(ServiceRegistry services)
    {
        var runtime = new EmbeddedRuntime(ReplayDriver.Registry(), services, new EmbeddedRuntimeOptions
        {
            DefaultServiceRetry = new ServiceRetryOptions { MaxRetryAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        });
        await runtime.StartAsync();
        return runtime;
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(Patience).Token;
}
