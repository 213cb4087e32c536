using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Local.Hosting;
using LambdaWorkflow.Local.Idempotency;
using LambdaWorkflow.Local.Queues;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.ServiceHost.Idempotency;
using LambdaWorkflow.UnitTests.Engine;
using LambdaWorkflow.UnitTests.ServiceHost;

namespace LambdaWorkflow.UnitTests.Services;

public sealed class PoisonMessageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly ServiceTestKit _kit = new();

    [Fact]
    public async Task HandleAsync_RetryOnTheLastAllowedReceive_DeadLettersWithTheLastFailure()
    {
        _kit.Replies.Failure = _ => new HttpRequestException("inbox unreachable");
        var dispatcher = _kit.Dispatcher(Reserving(), options => options.MaxReceiveCount = 3);

        var second = await dispatcher.HandleAsync(ServiceTestKit.Again(CallMessages.Create(), receiveCount: 2));
        var third = await dispatcher.HandleAsync(ServiceTestKit.Again(CallMessages.Create(), receiveCount: 3));

        Assert.Equal(MessageDisposition.Retry, second.Disposition);
        Assert.Equal(MessageDisposition.DeadLetter, third.Disposition);
        Assert.StartsWith("Gave up after 3 receives; last failure: The reply to call order-1#1 could not be sent", third.Reason, StringComparison.Ordinal);
        Assert.Contains(_kit.Logger.Problems, p => p.StartsWith("2021 Message msg-order-1-1 failed on its receive 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_HostStoppingOnTheLastReceive_IsNotDeadLettered()
    {
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();
        var dispatcher = _kit.Dispatcher(Reserving(), options => options.MaxReceiveCount = 1);

        var outcome = await dispatcher.HandleAsync(CallMessages.Create(), stopped.Token);

        Assert.Equal(MessageDisposition.Retry, outcome.Disposition);
    }

    [Fact]
    public async Task HandleBatchAsync_PoisonAmongGoodMessages_OnlyPoisonIsDeadLetteredEachWithItsReason()
    {
        var dispatcher = _kit.Dispatcher(Reserving(), options => options.MaxReceiveCount = 5);
        QueueMessage[] batch =
        [
            CallMessages.Create(callNumber: 1),
            CallMessages.Raw("not json at all", "garbage"),
            CallMessages.Create(callNumber: 2, service: "inventory", operation: "restock"),
            CallMessages.Create(callNumber: 3),
        ];

        var outcomes = await dispatcher.HandleBatchAsync(batch);

        Assert.Equal(
            [MessageDisposition.Completed, MessageDisposition.DeadLetter, MessageDisposition.DeadLetter, MessageDisposition.Completed],
            outcomes.Select(o => o.Disposition));
        Assert.StartsWith("Not a valid CallRequested event", outcomes[1].Reason, StringComparison.Ordinal);
        Assert.StartsWith("No handler is mapped for operation 'restock'", outcomes[2].Reason, StringComparison.Ordinal);
        Assert.Equal(2, _kit.Replies.Sent.Count);
    }

    [Fact]
    public async Task EmbeddedRuntime_PoisonMessages_LandInTheServiceDlqWithReasons_AndTheWorkflowBesideThemCompletes()
    {
        var runtime = new EmbeddedRuntime(ReplayDriver.Registry(), Services(), new EmbeddedRuntimeOptions
        {
            RetryDelay = TimeSpan.FromMilliseconds(5),
            ServiceIdempotency = new IdempotencyOptions { Store = new FailingFor("poison-") },
        });
        await using (runtime)
        {
            var queue = runtime.Queues.GetQueue("lwf-math");
            queue.Send("{\"detail-type\":\"CallRequested\",\"detail\":{\"callId\":42}}");
            queue.Send(Call("other-1", "math", "cube"));
            queue.Send(Call("poison-1", "math", "double"));
            await runtime.StartAsync();

            var id = await runtime.Client.StartAsync(FanOutWorkflow.Definition, 3, "beside-poison");
            using var patience = new CancellationTokenSource(Patience);
            Assert.Equal(144, await runtime.Client.WaitForResultAsync(FanOutWorkflow.Definition, id, patience.Token));
            var dead = await ReceiveAsync(runtime.Queues.GetQueue("lwf-math-dlq"), 3, patience.Token);

            var reasons = dead.Select(m => m.Attributes[DeadLetterAttributes.Reason]).Order(StringComparer.Ordinal).ToList();
            Assert.StartsWith("Gave up after 5 receives; last failure: Unexpected failure: The store refuses poison-1", reasons[0], StringComparison.Ordinal);
            Assert.StartsWith("No handler is mapped for operation 'cube' of service 'math'", reasons[1], StringComparison.Ordinal);
            Assert.StartsWith("Not a valid CallRequested event: Field 'detail.callId'", reasons[2], StringComparison.Ordinal);
            Assert.All(dead, m => Assert.Equal("lwf-math", m.Attributes[DeadLetterAttributes.SourceQueue]));
        }
    }

    private static async Task<List<ReceivedLocalMessage>> ReceiveAsync(LocalQueue queue, int count, CancellationToken cancellationToken)
    {
        var received = new List<ReceivedLocalMessage>();
        while (received.Count < count)
        {
            received.AddRange(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(1), cancellationToken: cancellationToken));
        }

        return received;
    }

    private static string Call(string instanceId, string service, string operation) => new CallRequestedEvent
    {
        Id = Guid.NewGuid().ToString(),
        Detail = new CallRequest
        {
            CallId = CallIds.Create(instanceId, 1),
            InstanceId = instanceId,
            Workflow = "fan-out",
            Service = service,
            Operation = operation,
            ReplyTo = "lwf-inbox.fifo",
            Payload = JsonPayload.Parse("2"),
        },
    }.ToJson();

    private static ServiceRegistry Services() => new ServiceRegistry()
        .Map(TestOperations.Double, (n, _, _) => Task.FromResult(n * 2))
        .Map(TestOperations.Square, (n, _, _) => Task.FromResult(n * n));

    private static ServiceRegistry Reserving() => new ServiceRegistry().Map(Inventory.Reserve, (request, _, _) => CallMessages.Reserve(request));

    /// <summary>An in-memory store that fails every operation on keys containing a marker: a call that keeps failing.</summary>
    private sealed class FailingFor(string marker) : IIdempotencyStore
    {
        private readonly InMemoryIdempotencyStore _inner = new();

        public Task<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken = default) =>
            Refuse(key) ?? _inner.GetAsync(key, cancellationToken);

        public Task<bool> TryCreateAsync(IdempotencyRecord record, CancellationToken cancellationToken = default) =>
            Refuse(record.Key) is null ? _inner.TryCreateAsync(record, cancellationToken) : throw Failure(record.Key);

        public Task<bool> TryReplaceAsync(IdempotencyRecord record, long expectedVersion, CancellationToken cancellationToken = default) =>
            _inner.TryReplaceAsync(record, expectedVersion, cancellationToken);

        public Task<bool> TryDeleteAsync(string key, long expectedVersion, CancellationToken cancellationToken = default) =>
            _inner.TryDeleteAsync(key, expectedVersion, cancellationToken);

        private Task<IdempotencyRecord?>? Refuse(string key) => key.Contains(marker, StringComparison.Ordinal) ? throw Failure(key) : null;

        private static InvalidOperationException Failure(string key) => new($"The store refuses {key.Split('/')[1].Split('#')[0]}.");
    }
}
