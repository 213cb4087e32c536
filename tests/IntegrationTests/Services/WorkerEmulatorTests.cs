using System.Collections.Concurrent;
using Amazon.SQS.Model;
using LambdaWorkflow.Aws.Idempotency;
using LambdaWorkflow.Aws.Worker;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.ServiceHost.Callbacks;
using LambdaWorkflow.ServiceHost.Idempotency;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace LambdaWorkflow.IntegrationTests.Services;

/// <summary>The polling worker against real SQS and DynamoDB clients on the emulators (fauxqs, dynalite).</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class WorkerEmulatorTests(EmulatorFixture emulators, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly ServiceOperation<ApprovalAsk, ApprovalGiven> Approve = new("approvals", "approve");

    [Fact]
    public async Task ThousandCalls_WorkerKilledBetweenRecordAndReply_AnotherWorkerFinishes_EveryEffectOnceEveryCallAnswered()
    {
        using var patience = new CancellationTokenSource(Patience);
        var (service, inbox, dlq) = await QueuesAsync("ledger");
        var store = new DynamoDbIdempotencyStore(emulators.DynamoDb, new DynamoDbIdempotencyOptions { TableName = await TableAsync() });
        var effects = new ConcurrentDictionary<string, int>();
        var failures = new FailFirstReplies(0.15, seed: 7);
        var sqs = new SqsWorkerQueue(emulators.Sqs);
        using var dying = new DyingWorkerQueue(sqs);
        var options = WorkerOptions(service.QueueUrl, dlq.QueueUrl);

        // Worker A dies after about 300 effects: what it recorded but had not replied is answered by B from the store.
        using var first = Worker(dying, store, effects, new FailingReplies(new WorkerReplySender(dying), failures), options);
        using var second = Worker(sqs, store, effects, new FailingReplies(new WorkerReplySender(sqs), failures), options);
        var random = new Random(11);
        var late = new List<int>();
        var sent = 0;
        var batch = new List<string>();
        for (var i = 0; i < 1_000; i++)
        {
            batch.Add(Calls.Body(i, replyTo: inbox.QueueUrl));
            if (random.NextDouble() < 0.3)
            {
                if (random.Next(2) == 0)
                {
                    batch.Add(Calls.Body(i, replyTo: inbox.QueueUrl));
                }
                else
                {
                    late.Add(i);
                }
            }
        }

        sent += await SendAllAsync(service.QueueUrl, batch);
        await first.StartAsync(patience.Token);
        while (effects.Count < 300)
        {
            await Task.Delay(5, patience.Token);
        }

        dying.KillAtNextSend();
        while (!dying.IsDead)
        {
            await Task.Delay(5, patience.Token);
        }

        await second.StartAsync(patience.Token);
        var replies = new ConcurrentDictionary<string, ConcurrentQueue<string>>();
        await DrainRepliesAsync(inbox.QueueUrl, replies, () => replies.Count == 1_000, patience.Token);
        sent += await SendAllAsync(service.QueueUrl, [.. late.Select(i => Calls.Body(i, replyTo: inbox.QueueUrl))]);
        var before = replies.Values.Sum(r => r.Count);
        await DrainRepliesAsync(inbox.QueueUrl, replies, () => replies.Values.Sum(r => r.Count) >= before + late.Count, patience.Token);
        await UntilEmptyAsync(service.QueueUrl, patience.Token);
        await second.StopAsync(CancellationToken.None);
        dying.Bury();

        output.WriteLine(
            $"{sent} messages for 1000 calls ({late.Count} late duplicates); {effects.Values.Sum()} effects; {replies.Values.Sum(r => r.Count)} replies; " +
            $"{failures.Failed} reply failures injected; worker A died with {dying.HungSends} recorded answers unsent and {dying.HungDeletes} replied messages undeleted.");
        Assert.Equal(1_000, effects.Count);
        Assert.All(effects, effect => Assert.True(effect.Value == 1, $"{effect.Key} ran {effect.Value} times."));
        Assert.Equal(1_000, replies.Count);
        Assert.All(replies, reply => Assert.Single(reply.Value.Distinct(StringComparer.Ordinal)));
        Assert.InRange(sent, 1_250, 1_350);
        Assert.True(failures.Failed > 50, $"Only {failures.Failed} reply failures were injected.");
        Assert.True(dying.HungSends + dying.HungDeletes > 0, "Worker A died with nothing in flight.");
        Assert.Equal(0, await CountAsync(dlq.QueueUrl));
    }

    [Fact]
    public async Task PoisonInABatch_LandsInTheDlqWithItsReasonAsMessageAttributes_AndTheRestComplete()
    {
        using var patience = new CancellationTokenSource(Patience);
        var (service, inbox, dlq) = await QueuesAsync("poison");
        var store = new DynamoDbIdempotencyStore(emulators.DynamoDb, new DynamoDbIdempotencyOptions { TableName = await TableAsync() });
        var sqs = new SqsWorkerQueue(emulators.Sqs);
        await SendAllAsync(service.QueueUrl,
        [
            Calls.Body(1, replyTo: inbox.QueueUrl),
            "{\"detail-type\":\"CallRequested\",",
            Calls.Body(2, operation: "refund", replyTo: inbox.QueueUrl),
            Calls.Body(3, replyTo: inbox.QueueUrl),
        ]);

        using var worker = Worker(sqs, store, new ConcurrentDictionary<string, int>(), new WorkerReplySender(sqs), WorkerOptions(service.QueueUrl, deadLetters: null));
        await worker.StartAsync(patience.Token);
        var replies = new ConcurrentDictionary<string, ConcurrentQueue<string>>();
        await DrainRepliesAsync(inbox.QueueUrl, replies, () => replies.Count == 2, patience.Token);
        var dead = new List<Message>();
        while (dead.Count < 2)
        {
            var response = await emulators.Sqs.ReceiveMessageAsync(
                new ReceiveMessageRequest { QueueUrl = dlq.QueueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1, MessageAttributeNames = ["All"] }, patience.Token);
            dead.AddRange(response.Messages ?? []);
        }

        await worker.StopAsync(CancellationToken.None);
        var reasons = dead.Select(m => m.MessageAttributes[DeadLetterAttributes.Reason].StringValue).Order(StringComparer.Ordinal).ToList();
        Assert.StartsWith("No handler is mapped for operation 'refund' of service 'ledger'", reasons[0], StringComparison.Ordinal);
        Assert.StartsWith("Not a valid CallRequested event: Field '$' is not valid JSON", reasons[1], StringComparison.Ordinal);
        Assert.All(dead, m => Assert.Equal(service.QueueUrl, m.MessageAttributes[DeadLetterAttributes.SourceQueue].StringValue));
        Assert.Equal(2, replies.Count);
        await UntilEmptyAsync(service.QueueUrl, patience.Token);
    }

    [Fact]
    public async Task Callbacks_OverSqs_CompletedFromOutsideAndTimedOutByACheckMessage()
    {
        using var patience = new CancellationTokenSource(Patience);
        var (service, inbox, _) = await QueuesAsync("approvals");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sqs = new SqsWorkerQueue(emulators.Sqs);
        var scheduler = new HeldChecks();
        var options = new ServiceDispatcherOptions
        {
            TimeProvider = time,
            Idempotency = new IdempotencyOptions { Store = new DynamoDbIdempotencyStore(emulators.DynamoDb, new DynamoDbIdempotencyOptions { TableName = await TableAsync() }) },
            Callbacks = new CallbackOptions { SigningKey = Convert.ToBase64String(new byte[32]), TimeoutScheduler = scheduler, DefaultTimeout = TimeSpan.FromMinutes(30) },
        };
        var tokens = new ConcurrentQueue<string>();
        var registry = new ServiceRegistry().MapCallback(Approve, (_, context, _) =>
        {
            var token = context.CreateCallbackToken();
            tokens.Enqueue(token.Value);
            return Task.FromResult(ServiceReply.Pending<ApprovalGiven>(token));
        });
        var replySender = new WorkerReplySender(sqs);
        using var worker = new SqsPollingWorker(sqs, new ServiceDispatcher(registry, replySender, options), WorkerOptions(service.QueueUrl, null), null, TimeProvider.System);
        var client = new CallbackClient(replySender, options);
        await SendAllAsync(service.QueueUrl, [ApprovalCall("po-1", inbox.QueueUrl), ApprovalCall("po-2", inbox.QueueUrl)]);
        await worker.StartAsync(patience.Token);
        while (scheduler.Held.Count < 2)
        {
            await Task.Delay(5, patience.Token);
        }

        // po-1 is approved from outside; po-2 is left until its 30 minutes (on the fake clock) are up.
        var first = tokens.Single(t => Decode(t).Contains("po-1", StringComparison.Ordinal));
        Assert.Equal(CallbackStatus.Accepted, await client.CompleteCallAsync(Approve, first, new ApprovalGiven("ann"), patience.Token));
        time.Advance(TimeSpan.FromMinutes(30));
        var check = scheduler.Held.Single(h => Decode(h.Body).Contains("po-2", StringComparison.Ordinal));
        Assert.Equal(TimeSpan.FromMinutes(30), check.Delay);
        await new SqsCallbackTimeoutScheduler(emulators.Sqs, service.QueueUrl).ScheduleAsync(check.Service, check.Body, TimeSpan.Zero, patience.Token);

        var replies = new ConcurrentDictionary<string, ConcurrentQueue<string>>();
        await DrainRepliesAsync(inbox.QueueUrl, replies, () => replies.Count == 2, patience.Token);
        await worker.StopAsync(CancellationToken.None);
        Assert.IsType<CallCompleted>(InboxMessageReader.Parse(replies["po-1#1"].Single()));
        Assert.Equal(ServiceErrorTypes.CallbackTimedOut, Assert.IsType<CallFailed>(InboxMessageReader.Parse(replies["po-2#1"].Single())).Error!.ErrorType);
    }

    private static SqsPollingWorker Worker(
        ISqsWorkerQueue sqs, IIdempotencyStore store, ConcurrentDictionary<string, int> effects, IReplySender replies, SqsWorkerOptions options)
    {
        var registry = new ServiceRegistry().Map(Calls.Post, (entry, context, _) =>
        {
            effects.AddOrUpdate(context.CallId, 1, (_, n) => n + 1);
            return Task.FromResult(new LedgerPosted(entry.Number));
        });
        var dispatcher = new ServiceDispatcher(registry, replies, new ServiceDispatcherOptions
        {
            DefaultRetry = new ServiceRetryOptions { MaxRetryAttempts = 0 },
            Idempotency = new IdempotencyOptions { Store = store, Lease = TimeSpan.FromSeconds(1) },
        });
        return new SqsPollingWorker(sqs, dispatcher, options, logger: null, TimeProvider.System);
    }

    private static SqsWorkerOptions WorkerOptions(string queueUrl, string? deadLetters) => new()
    {
        QueueUrl = queueUrl,
        DeadLetterQueueUrl = deadLetters,
        WaitTime = TimeSpan.FromSeconds(1),
        VisibilityTimeout = TimeSpan.FromSeconds(2),
        RetryDelay = TimeSpan.Zero,
        ShutdownGracePeriod = TimeSpan.FromSeconds(5),
    };

    private async Task<(QueueAddress Service, QueueAddress Inbox, QueueAddress DeadLetters)> QueuesAsync(string name)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var dlq = await emulators.Host.CreateStandardQueueAsync($"{name}-{suffix}-dlq");
        var service = await emulators.Host.CreateStandardQueueAsync($"{name}-{suffix}");
        await emulators.Sqs.SetQueueAttributesAsync(service.QueueUrl, new Dictionary<string, string>
        {
            ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlq.QueueArn}}","maxReceiveCount":50}""",
        });
        var inbox = await emulators.Host.CreateStandardQueueAsync($"{name}-{suffix}-inbox");
        return (service, inbox, dlq);
    }

    private async Task<string> TableAsync()
    {
        var name = "svc-" + Guid.NewGuid().ToString("N")[..12];
        await emulators.Host.CreateTableAsync(name);
        return name;
    }

    private async Task<int> SendAllAsync(string queueUrl, List<string> bodies)
    {
        foreach (var chunk in bodies.Chunk(10))
        {
            await emulators.Sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = [.. chunk.Select((body, i) => new SendMessageBatchRequestEntry("e" + i, body))],
            });
        }

        return bodies.Count;
    }

    private async Task DrainRepliesAsync(string inboxUrl, ConcurrentDictionary<string, ConcurrentQueue<string>> replies, Func<bool> done, CancellationToken cancellationToken)
    {
        while (!done())
        {
            var response = await emulators.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = inboxUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 }, cancellationToken);
            foreach (var message in response.Messages ?? [])
            {
                var reply = InboxMessageReader.Parse(message.Body);
                var callId = reply switch { CallCompleted c => c.CallId, CallFailed f => f.CallId, _ => "?" };
                replies.GetOrAdd(callId, _ => new ConcurrentQueue<string>()).Enqueue(message.Body);
                await emulators.Sqs.DeleteMessageAsync(inboxUrl, message.ReceiptHandle, cancellationToken);
            }
        }
    }

    private async Task UntilEmptyAsync(string queueUrl, CancellationToken cancellationToken)
    {
        while (await CountAsync(queueUrl) > 0)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    private async Task<int> CountAsync(string queueUrl)
    {
        var attributes = await emulators.Sqs.GetQueueAttributesAsync(queueUrl, ["All"]);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible + attributes.ApproximateNumberOfMessagesDelayed;
    }

    private static string ApprovalCall(string instanceId, string replyTo) => new CallRequestedEvent
    {
        Id = Guid.NewGuid().ToString(),
        Detail = new CallRequest
        {
            CallId = CallIds.Create(instanceId, 1),
            InstanceId = instanceId,
            Workflow = "purchasing",
            Service = Approve.Service,
            Operation = Approve.Operation,
            ReplyTo = replyTo,
            Payload = JsonPayload.From(new ApprovalAsk(instanceId), Approve.RequestType),
        },
    }.ToJson();

    private static string Decode(string tokenOrBody)
    {
        var token = tokenOrBody.StartsWith("lwf1.", StringComparison.Ordinal) ? tokenOrBody : System.Text.Json.JsonDocument.Parse(tokenOrBody).RootElement.GetProperty("detail").GetProperty("token").GetString()!;
        return System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1]));
    }

    private sealed record ApprovalAsk(string Order);

    private sealed record ApprovalGiven(string By);

    /// <summary>Decides once per call whether its first reply send fails.</summary>
    private sealed class FailFirstReplies(double rate, int seed)
    {
        private readonly ConcurrentDictionary<string, bool> _decided = new();
        private int _failed;

        public int Failed => Volatile.Read(ref _failed);

        public bool ShouldFail(string callId)
        {
            var first = false;
            var fails = _decided.GetOrAdd(callId, id =>
            {
                first = true;
                var number = int.Parse(id.AsSpan(id.IndexOf('-', StringComparison.Ordinal) + 1, 5), System.Globalization.CultureInfo.InvariantCulture);
                return new Random(seed + number).NextDouble() < rate;
            });
            if (first && fails)
            {
                Interlocked.Increment(ref _failed);
            }

            return first && fails;
        }
    }

    private sealed class FailingReplies(IReplySender inner, FailFirstReplies plan) : IReplySender
    {
        public Task SendAsync(string replyTo, InboxMessage reply, CancellationToken cancellationToken = default) =>
            plan.ShouldFail(((CallCompleted)reply).CallId)
                ? throw new HttpRequestException("Injected: the inbox did not answer.")
                : inner.SendAsync(replyTo, reply, cancellationToken);
    }

    /// <summary>Holds timeout checks for the test to release when the fake clock says they are due.</summary>
    private sealed class HeldChecks : ICallbackTimeoutScheduler
    {
        public ConcurrentQueue<(string Service, string Body, TimeSpan Delay)> Held { get; } = new();

        public Task ScheduleAsync(string service, string messageBody, TimeSpan delay, CancellationToken cancellationToken = default)
        {
            Held.Enqueue((service, messageBody, delay));
            return Task.CompletedTask;
        }
    }
}
