using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.ServiceHost;

namespace LambdaWorkflow.UnitTests.ServiceHost;

public sealed class ServiceBatchTests
{
    private readonly RecordingReplySender _replies = new();

    [Fact]
    public async Task HandleBatchAsync_PoisonMessagesAmongGoodOnes_OthersCompleteInOrder()
    {
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (request, _, _) =>
            request.Sku == "BOOM" ? throw new InvalidCastException("bug") : CallMessages.Reserve(request));
        var dispatcher = CallMessages.Dispatcher(registry, _replies);
        QueueMessage[] batch =
        [
            CallMessages.Create(callNumber: 1),
            CallMessages.Raw("{\"detail-type\":", "malformed"),
            CallMessages.Create(callNumber: 2, payload: """{"sku":"BOOM","quantity":1}"""),
            CallMessages.Create(callNumber: 3, operation: "restock"),
            CallMessages.Create(callNumber: 4),
        ];

        var outcomes = await dispatcher.HandleBatchAsync(batch);

        Assert.Equal(batch.Select(m => m.MessageId), outcomes.Select(o => o.MessageId));
        Assert.Equal(
            [MessageDisposition.Completed, MessageDisposition.DeadLetter, MessageDisposition.Completed, MessageDisposition.DeadLetter, MessageDisposition.Completed],
            outcomes.Select(o => o.Disposition));
        var replies = _replies.Sent.Select(s => s.Reply).ToDictionary(CallIdOf);
        Assert.IsType<CallCompleted>(replies["order-1#1"]);
        Assert.IsType<CallFailed>(replies["order-1#2"]);
        Assert.IsType<CallCompleted>(replies["order-1#4"]);
        Assert.Equal(3, replies.Count);
    }

    [Fact]
    public async Task HandleBatchAsync_OneReplyFails_OnlyThatMessageIsRetried()
    {
        _replies.Failure = reply => reply is CallCompleted { CallId: "order-1#2" } ? new HttpRequestException("throttled") : null;
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (request, _, _) => CallMessages.Reserve(request));
        var dispatcher = CallMessages.Dispatcher(registry, _replies);

        var outcomes = await dispatcher.HandleBatchAsync([.. Enumerable.Range(1, 3).Select(n => CallMessages.Create(callNumber: n))]);

        Assert.Equal(
            [MessageDisposition.Completed, MessageDisposition.Retry, MessageDisposition.Completed],
            outcomes.Select(o => o.Disposition));
    }

    [Fact]
    public async Task HandleBatchAsync_RunsMessagesConcurrently()
    {
        const int batchSize = 3;
        var inFlight = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new ServiceRegistry().Map(Inventory.Reserve, async (request, _, cancellationToken) =>
        {
            if (Interlocked.Increment(ref inFlight) == batchSize)
            {
                allStarted.SetResult();
            }

            // Completes only once every message of the batch is in its handler at the same time.
            await allStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            return await CallMessages.Reserve(request);
        });
        var dispatcher = CallMessages.Dispatcher(registry, _replies, maxConcurrency: batchSize);

        var outcomes = await dispatcher.HandleBatchAsync([.. Enumerable.Range(1, batchSize).Select(n => CallMessages.Create(callNumber: n))]);

        Assert.All(outcomes, o => Assert.Equal(MessageDisposition.Completed, o.Disposition));
    }

    [Fact]
    public async Task HandleBatchAsync_MaxConcurrency_BoundsHandlersInFlight()
    {
        var inFlight = 0;
        var maxInFlight = 0;
        var registry = new ServiceRegistry().Map(Inventory.Reserve, async (request, _, cancellationToken) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            await Task.Yield();
            await Task.Delay(5, cancellationToken);
            Interlocked.Decrement(ref inFlight);
            return await CallMessages.Reserve(request);
        });
        var dispatcher = CallMessages.Dispatcher(registry, _replies, maxConcurrency: 2);

        var outcomes = await dispatcher.HandleBatchAsync([.. Enumerable.Range(1, 8).Select(n => CallMessages.Create(callNumber: n))]);

        Assert.All(outcomes, o => Assert.Equal(MessageDisposition.Completed, o.Disposition));
        Assert.InRange(maxInFlight, 1, 2);
        Assert.Equal(8, _replies.Sent.Count);
    }

    [Fact]
    public async Task HandleBatchAsync_HostAlreadyStopping_LeavesEveryMessageForRedelivery()
    {
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (request, _, _) => CallMessages.Reserve(request));
        var dispatcher = CallMessages.Dispatcher(registry, _replies);

        var outcomes = await dispatcher.HandleBatchAsync(
            [CallMessages.Create(callNumber: 1), CallMessages.Create(callNumber: 2)], new CancellationToken(canceled: true));

        Assert.All(outcomes, o => Assert.Equal(MessageDisposition.Retry, o.Disposition));
        Assert.Empty(_replies.Sent);
    }

    private static string CallIdOf(InboxMessage reply) => reply switch
    {
        CallCompleted completed => completed.CallId,
        CallFailed failed => failed.CallId,
        _ => throw new InvalidOperationException("Unexpected reply " + reply.Type),
    };

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)))
        {
            Interlocked.CompareExchange(ref target, value, current);
        }
    }
}
