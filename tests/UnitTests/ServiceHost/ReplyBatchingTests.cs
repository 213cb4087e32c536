using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Local.Idempotency;
using LambdaWorkflow.ServiceHost;

namespace LambdaWorkflow.UnitTests.ServiceHost;

/// <summary>A batch's replies go out together through an <see cref="IBatchReplySender"/>; an unsent reply fails only its own message.</summary>
public sealed class ReplyBatchingTests
{
    private readonly RecordingBatchReplySender _replies = new();
    private int _runs;

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public async Task HandleBatchAsync_BatchSender_SendsAllRepliesInOneCallInMessageOrder(int maxConcurrency)
    {
        var dispatcher = Dispatcher(maxConcurrency);
        var batch = Calls(1, 2, 3, 4);

        var outcomes = await dispatcher.HandleBatchAsync(batch);

        Assert.All(outcomes, o => Assert.Equal(MessageDisposition.Completed, o.Disposition));
        Assert.Empty(_replies.Single);
        var sent = Assert.Single(_replies.Batches);
        Assert.Equal(["order-1#1", "order-1#2", "order-1#3", "order-1#4"], sent.Select(r => CallId(r.Reply)));
        Assert.All(sent, r => Assert.Equal(CallMessages.ReplyTo, r.ReplyTo));
    }

    [Fact]
    public async Task HandleBatchAsync_OneMessage_SendsItsReplyAlone()
    {
        var outcome = Assert.Single(await Dispatcher().HandleBatchAsync(Calls(1)));

        Assert.Equal(MessageDisposition.Completed, outcome.Disposition);
        Assert.Single(_replies.Single);
        Assert.Empty(_replies.Batches);
    }

    [Fact]
    public async Task HandleBatchAsync_OnlyOneMessageReplies_SendsThatReplyAlone()
    {
        var outcomes = await Dispatcher().HandleBatchAsync([CallMessages.Create(callNumber: 1), CallMessages.Raw("{", "malformed")]);

        Assert.Equal([MessageDisposition.Completed, MessageDisposition.DeadLetter], outcomes.Select(o => o.Disposition));
        Assert.Equal("order-1#1", CallId(Assert.Single(_replies.Single)));
        Assert.Empty(_replies.Batches);
    }

    [Fact]
    public async Task HandleBatchAsync_OneReplyNotSent_RetriesOnlyItsMessage()
    {
        _replies.Failure = reply => CallId(reply) == "order-1#2" ? new HttpRequestException("throttled") : null;

        var outcomes = await Dispatcher().HandleBatchAsync(Calls(1, 2, 3));

        Assert.Equal([MessageDisposition.Completed, MessageDisposition.Retry, MessageDisposition.Completed], outcomes.Select(o => o.Disposition));
        Assert.Contains("order-1#2", outcomes[1].Reason, StringComparison.Ordinal);
        Assert.Contains("throttled", outcomes[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleBatchAsync_BatchSendThrows_RetriesEveryReplyingMessageButKeepsDeadLetters()
    {
        _replies.BatchException = new InvalidOperationException("network down");
        QueueMessage[] batch = [CallMessages.Create(callNumber: 1), CallMessages.Raw("{", "malformed"), CallMessages.Create(callNumber: 2)];

        var outcomes = await Dispatcher().HandleBatchAsync(batch);

        Assert.Equal([MessageDisposition.Retry, MessageDisposition.DeadLetter, MessageDisposition.Retry], outcomes.Select(o => o.Disposition));
        Assert.Contains("network down", outcomes[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleBatchAsync_SenderReturnsTooFewResults_TreatsEveryReplyAsUnsent()
    {
        _replies.ResultCount = 1;

        var outcomes = await Dispatcher().HandleBatchAsync(Calls(1, 2));

        Assert.All(outcomes, o => Assert.Equal(MessageDisposition.Retry, o.Disposition));
    }

    [Fact]
    public async Task HandleBatchAsync_ReplyNotSentOnLastAllowedReceive_DeadLettersThatMessageSayingWhy()
    {
        _replies.Failure = reply => CallId(reply) == "order-1#1" ? new HttpRequestException("throttled") : null;
        var dispatcher = Dispatcher(maxReceiveCount: 3);
        QueueMessage[] batch = [CallMessages.Create(callNumber: 1) with { ReceiveCount = 3 }, CallMessages.Create(callNumber: 2) with { ReceiveCount = 3 }];

        var outcomes = await dispatcher.HandleBatchAsync(batch);

        Assert.Equal([MessageDisposition.DeadLetter, MessageDisposition.Completed], outcomes.Select(o => o.Disposition));
        Assert.Contains("Gave up after 3 receives", outcomes[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleBatchAsync_UnsentReplyWithIdempotencyStore_RedeliveryResendsTheRecordedAnswerWithoutRunningTheHandler()
    {
        var store = new InMemoryIdempotencyStore();
        var dispatcher = Dispatcher(store: store);
        _replies.Failure = reply => CallId(reply) == "order-1#2" ? new HttpRequestException("throttled") : null;
        var first = await dispatcher.HandleBatchAsync(Calls(1, 2));
        Assert.Equal(MessageDisposition.Retry, first[1].Disposition);
        Assert.Equal(2, _runs);

        _replies.Failure = _ => null;
        var again = await dispatcher.HandleBatchAsync(Calls(2, 3));

        Assert.All(again, o => Assert.Equal(MessageDisposition.Completed, o.Disposition));
        Assert.Equal(3, _runs);
        Assert.Equal(["order-1#1", "order-1#2", "order-1#3"], _replies.Delivered.Select(CallId).Order(StringComparer.Ordinal));
    }

    private static string CallId(InboxMessage reply) => reply switch
    {
        CallCompleted completed => completed.CallId,
        CallFailed failed => failed.CallId,
        _ => "?",
    };

    private static QueueMessage[] Calls(params int[] numbers) => [.. numbers.Select(n => CallMessages.Create(callNumber: n))];

    private ServiceDispatcher Dispatcher(int maxConcurrency = 10, int? maxReceiveCount = null, InMemoryIdempotencyStore? store = null)
    {
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (request, _, _) =>
        {
            Interlocked.Increment(ref _runs);
            return CallMessages.Reserve(request);
        });
        var options = new ServiceDispatcherOptions
        {
            DefaultRetry = CallMessages.ImmediateRetry(),
            MaxConcurrency = maxConcurrency,
            MaxReceiveCount = maxReceiveCount,
        };
        options.Idempotency.Store = store;
        return new ServiceDispatcher(registry, _replies, options);
    }
}
