using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.ServiceHost.Callbacks;
using LambdaWorkflow.ServiceHost.Idempotency;
using LambdaWorkflow.UnitTests.ServiceHost;

namespace LambdaWorkflow.UnitTests.Services;

public sealed class CallbackTests
{
    private readonly ServiceTestKit _kit = new();
    private readonly List<CallbackToken> _tokens = [];
    private int _runs;

    [Fact]
    public async Task Pending_ThenCompleteCallAsync_RepliesCallCompletedWithTheResult()
    {
        var dispatcher = _kit.Dispatcher(Pending());

        var outcome = await dispatcher.HandleAsync(Approvals.Message());
        Assert.Equal(MessageDisposition.Completed, outcome.Disposition);
        Assert.Empty(_kit.Replies.Sent);
        Assert.Equal(IdempotencyStatus.AwaitingCallback, (await _kit.Store.GetAsync("approvals/order-1#1"))!.Status);

        var status = await _kit.Client().CompleteCallAsync(Approvals.Request, _tokens[0].Value, new Approval("ann", true));

        Assert.Equal(CallbackStatus.Accepted, status);
        var (replyTo, reply) = Assert.Single(_kit.Replies.Sent);
        Assert.Equal(CallMessages.ReplyTo, replyTo);
        var completed = Assert.IsType<CallCompleted>(reply);
        Assert.Equal(("order-1", "order-1#1", 1), (completed.InstanceId, completed.CallId, completed.Attempt));
        Assert.Equal(new Approval("ann", true), completed.Result.Deserialize(Approvals.Request.ResponseType));
    }

    [Fact]
    public async Task CompleteCallAsync_Twice_SecondIsAlreadyCompletedAndResendsTheFirstAnswer()
    {
        await _kit.Dispatcher(Pending()).HandleAsync(Approvals.Message());
        var client = _kit.Client();

        await client.CompleteCallAsync(Approvals.Request, _tokens[0].Value, new Approval("ann", true));
        var second = await client.CompleteCallAsync(Approvals.Request, _tokens[0].Value, new Approval("bob", false));

        Assert.Equal(CallbackStatus.AlreadyCompleted, second);
        Assert.Equal(2, _kit.Replies.Sent.Count);
        Assert.All(_kit.Replies.Sent, sent => Assert.Equal("ann", Assert.IsType<CallCompleted>(sent.Reply).Result.Deserialize(Approvals.Request.ResponseType).ApprovedBy));
    }

    [Fact]
    public async Task FailCallAsync_RepliesCallFailedWithTheErrorType()
    {
        await _kit.Dispatcher(Pending()).HandleAsync(Approvals.Message());

        var status = await _kit.Client().FailCallAsync(_tokens[0].Value, "ApprovalRejected", "budget exceeded");

        Assert.Equal(CallbackStatus.Accepted, status);
        var failed = _kit.Replies.Single<CallFailed>();
        Assert.Equal(new FailureDetails("ApprovalRejected", "budget exceeded"), failed.Error);
    }

    [Fact]
    public async Task CompleteCallAsync_RawJson_IsTheResult()
    {
        await _kit.Dispatcher(Pending()).HandleAsync(Approvals.Message());

        await _kit.Client().CompleteCallAsync(_tokens[0].Value, JsonPayload.Parse("""{"approvedBy":"cli","approved":true}"""));

        Assert.Equal(new Approval("cli", true), _kit.Replies.Single<CallCompleted>().Result.Deserialize(Approvals.Request.ResponseType));
    }

    [Fact]
    public async Task DuplicateCallWhilePending_NeitherRunsNorReplies_AndReschedulesTheCheck()
    {
        var dispatcher = _kit.Dispatcher(Pending());
        await dispatcher.HandleAsync(Approvals.Message());

        var duplicate = await dispatcher.HandleAsync(ServiceTestKit.Again(Approvals.Message()));

        Assert.Equal(MessageDisposition.Completed, duplicate.Disposition);
        Assert.Equal(1, _runs);
        Assert.Empty(_kit.Replies.Sent);
        Assert.Equal(2, _kit.Scheduler.Checks.Count);
    }

    [Fact]
    public async Task TimeoutCheck_AfterTheDeadline_FailsTheCallWithCallbackTimedOut_AndALateCompletionIsRefused()
    {
        var dispatcher = _kit.Dispatcher(Pending(timeout: TimeSpan.FromMinutes(10)));
        await dispatcher.HandleAsync(Approvals.Message());
        var check = Assert.Single(_kit.Scheduler.Checks);
        Assert.Equal(("approvals", TimeSpan.FromMinutes(10)), (check.Service, check.Delay));

        _kit.Time.Advance(TimeSpan.FromMinutes(10));
        var outcome = await dispatcher.HandleAsync(RecordingScheduler.AsMessage(check));
        var late = await _kit.Client().CompleteCallAsync(Approvals.Request, _tokens[0].Value, new Approval("ann", true));

        Assert.Equal(MessageDisposition.Completed, outcome.Disposition);
        Assert.Equal(CallbackStatus.AlreadyCompleted, late);
        Assert.All(_kit.Replies.Sent, sent => Assert.Equal(ServiceErrorTypes.CallbackTimedOut, Assert.IsType<CallFailed>(sent.Reply).Error!.ErrorType));
        Assert.Equal(1, _kit.Logger.Count(2018));
    }

    [Fact]
    public async Task TimeoutCheck_ArrivingEarly_SchedulesItselfForTheRest()
    {
        var dispatcher = _kit.Dispatcher(Pending(timeout: TimeSpan.FromMinutes(40)));
        await dispatcher.HandleAsync(Approvals.Message());

        // A scheduler capped at 15 minutes (SQS) delivers the first check early.
        _kit.Time.Advance(TimeSpan.FromMinutes(15));
        await dispatcher.HandleAsync(RecordingScheduler.AsMessage(_kit.Scheduler.Last));

        Assert.Empty(_kit.Replies.Sent);
        Assert.Equal(TimeSpan.FromMinutes(25), _kit.Scheduler.Last.Delay);
    }

    [Fact]
    public async Task CompleteCallAsync_AfterTheDeadlineBeforeAnyCheck_IsTimedOutAndRepliesTheTimeout()
    {
        await _kit.Dispatcher(Pending(timeout: TimeSpan.FromMinutes(10))).HandleAsync(Approvals.Message());
        _kit.Time.Advance(TimeSpan.FromMinutes(11));

        var status = await _kit.Client().CompleteCallAsync(Approvals.Request, _tokens[0].Value, new Approval("ann", true));

        Assert.Equal(CallbackStatus.TimedOut, status);
        Assert.Equal(ServiceErrorTypes.CallbackTimedOut, _kit.Replies.Single<CallFailed>().Error!.ErrorType);
    }

    [Fact]
    public async Task Heartbeats_KeepThePendingCallAlive_UntilTheyStop()
    {
        var dispatcher = _kit.Dispatcher(Pending(timeout: TimeSpan.FromHours(1), heartbeat: TimeSpan.FromMinutes(5)));
        await dispatcher.HandleAsync(Approvals.Message());
        var client = _kit.Client();
        Assert.Equal(TimeSpan.FromMinutes(5), _kit.Scheduler.Last.Delay);

        for (var i = 0; i < 3; i++)
        {
            _kit.Time.Advance(TimeSpan.FromMinutes(4));
            Assert.Equal(CallbackStatus.Accepted, await client.HeartbeatAsync(_tokens[0].Value));
            await dispatcher.HandleAsync(RecordingScheduler.AsMessage(_kit.Scheduler.Last));
            Assert.Empty(_kit.Replies.Sent);
        }

        _kit.Time.Advance(TimeSpan.FromMinutes(5));
        await dispatcher.HandleAsync(RecordingScheduler.AsMessage(_kit.Scheduler.Last));

        Assert.Equal(ServiceErrorTypes.CallbackHeartbeatTimedOut, _kit.Replies.Single<CallFailed>().Error!.ErrorType);
        Assert.Equal(CallbackStatus.AlreadyCompleted, await client.HeartbeatAsync(_tokens[0].Value));
    }

    [Fact]
    public async Task Heartbeats_DoNotExtendTheOverallTimeout()
    {
        await _kit.Dispatcher(Pending(timeout: TimeSpan.FromMinutes(10), heartbeat: TimeSpan.FromMinutes(4))).HandleAsync(Approvals.Message());
        var client = _kit.Client();

        _kit.Time.Advance(TimeSpan.FromMinutes(3));
        await client.HeartbeatAsync(_tokens[0].Value);
        _kit.Time.Advance(TimeSpan.FromMinutes(3));
        await client.HeartbeatAsync(_tokens[0].Value);
        _kit.Time.Advance(TimeSpan.FromMinutes(4));

        Assert.Equal(CallbackStatus.TimedOut, await client.HeartbeatAsync(_tokens[0].Value));
        Assert.Equal(ServiceErrorTypes.CallbackTimedOut, _kit.Replies.Single<CallFailed>().Error!.ErrorType);
    }

    [Fact]
    public async Task CompletionBeforeTheHandlerReturns_IsTheOneAnswer()
    {
        var client = _kit.Client();
        var registry = new ServiceRegistry().MapCallback(Approvals.Request, async (_, context, cancellationToken) =>
        {
            var token = context.CreateCallbackToken();
            await client.CompleteCallAsync(Approvals.Request, token.Value, new Approval("fast", true), cancellationToken);
            return ServiceReply.Pending<Approval>(token);
        });

        var outcome = await _kit.Dispatcher(registry).HandleAsync(Approvals.Message());

        Assert.Equal(MessageDisposition.Completed, outcome.Disposition);
        Assert.All(_kit.Replies.Sent, sent => Assert.Equal("fast", Assert.IsType<CallCompleted>(sent.Reply).Result.Deserialize(Approvals.Request.ResponseType).ApprovedBy));
        Assert.Equal(IdempotencyStatus.Completed, (await _kit.Store.GetAsync("approvals/order-1#1"))!.Status);
    }

    [Fact]
    public async Task CallbackHandler_AnsweringNow_RepliesAtOnce()
    {
        var registry = new ServiceRegistry().MapCallback(Approvals.Request, (request, _, _) =>
            Task.FromResult<ServiceReply<Approval>>(new Approval("auto", request.Amount < 5000)));

        await _kit.Dispatcher(registry).HandleAsync(Approvals.Message());

        Assert.True(_kit.Replies.Single<CallCompleted>().Result.Deserialize(Approvals.Request.ResponseType).Approved);
        Assert.Empty(_kit.Scheduler.Checks);
    }

    [Fact]
    public async Task Token_Altered_IsRefused()
    {
        await _kit.Dispatcher(Pending()).HandleAsync(Approvals.Message());
        var token = _tokens[0].Value;
        var parts = token.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1])).Replace("order-1#1", "order-2#1", StringComparison.Ordinal);
        var forged = parts[0] + "." + System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload)) + "." + parts[2];

        await Assert.ThrowsAsync<InvalidCallbackTokenException>(() => _kit.Client().CompleteCallAsync(forged, JsonPayload.Null));
        await Assert.ThrowsAsync<InvalidCallbackTokenException>(() => _kit.Client().CompleteCallAsync(token[..^2], JsonPayload.Null));
        await Assert.ThrowsAsync<InvalidCallbackTokenException>(() => _kit.Client().CompleteCallAsync("not a token", JsonPayload.Null));
        Assert.Empty(_kit.Replies.Sent);
    }

    [Fact]
    public async Task Token_SignedWithAnotherKey_IsRefused_UnlessThatKeyIsAPreviousKey()
    {
        var oldKey = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());
        await _kit.Dispatcher(Pending(), options => options.Callbacks.SigningKey = oldKey).HandleAsync(Approvals.Message());

        await Assert.ThrowsAsync<InvalidCallbackTokenException>(() => _kit.Client().CompleteCallAsync(_tokens[0].Value, JsonPayload.Null));
        var rotated = _kit.Client(options => options.Callbacks.PreviousSigningKeys.Add(oldKey));
        Assert.Equal(CallbackStatus.Accepted, await rotated.CompleteCallAsync(_tokens[0].Value, JsonPayload.Null));
    }

    [Fact]
    public async Task CompleteCallAsync_TokenOfAnotherOperation_IsRefused()
    {
        await _kit.Dispatcher(Pending()).HandleAsync(Approvals.Message());

        var error = await Assert.ThrowsAsync<InvalidCallbackTokenException>(() =>
            _kit.Client().CompleteCallAsync(Approvals.Other, _tokens[0].Value, new Approval("x", true)));

        Assert.Contains("approvals.request, not approvals.escalate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeoutCheck_Forged_IsDeadLettered()
    {
        var dispatcher = _kit.Dispatcher(Pending());
        var forged = CallMessages.Raw("""{"detail-type":"CallbackTimeoutCheck","detail":{"token":"lwf1.e30.AAAA"}}""");

        var outcome = await dispatcher.HandleAsync(forged);

        Assert.Equal(MessageDisposition.DeadLetter, outcome.Disposition);
        Assert.Contains("signature", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCallbackToken_InAnOperationNotMappedForCallbacks_Throws()
    {
        Exception? seen = null;
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (request, context, _) =>
        {
            seen = Record.Exception(() => context.CreateCallbackToken());
            return CallMessages.Reserve(request);
        });

        await _kit.Dispatcher(registry).HandleAsync(CallMessages.Create());

        Assert.Contains("MapCallback", Assert.IsType<InvalidOperationException>(seen).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispatcher_CallbackOperationWithoutStoreOrKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => _kit.Dispatcher(Pending(), options => options.Idempotency.Store = null));
        Assert.Throws<ArgumentException>(() => _kit.Dispatcher(Pending(), options => options.Callbacks.SigningKey = null));
        Assert.Throws<ArgumentException>(() => _kit.Dispatcher(Pending(), options => options.Callbacks.SigningKey = Convert.ToBase64String(new byte[16])));
    }

    private ServiceRegistry Pending(TimeSpan? timeout = null, TimeSpan? heartbeat = null) =>
        new ServiceRegistry().MapCallback(Approvals.Request, (_, context, _) =>
        {
            Interlocked.Increment(ref _runs);
            var token = context.CreateCallbackToken(timeout, heartbeat);
            lock (_tokens)
            {
                _tokens.Add(token);
            }

            return Task.FromResult(ServiceReply.Pending<Approval>(token));
        });
}
