using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Local.Queues;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.ServiceHost.Idempotency;
using Microsoft.Extensions.Time.Testing;

namespace LambdaWorkflow.TestSupport.Services;

/// <summary>
/// Sends many calls through an embedded SQS-like queue to a dispatcher guarded by an idempotency store, with
/// duplicates, concurrent deliveries and deliveries that die at chosen points; a death is simulated faithfully:
/// the delivery hangs forever, so nothing after that point runs and its message comes back only when its visibility
/// timeout passes. The clock is fake and advanced only when nothing else can move.
/// </summary>
public static class ExactlyOnceHarness
{
    /// <summary>The operation served: posting a ledger entry is the side effect counted.</summary>
    public static readonly ServiceOperation<LedgerEntry, LedgerPosting> Post = new("ledger", "post");

    private static readonly TimeSpan ClockStep = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Runs the scenario against <paramref name="store"/>; null runs it without idempotency, as a control.</summary>
    public static async Task<ExactlyOnceReport> RunAsync(IIdempotencyStore? store, ExactlyOnceScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var run = new Run(store, scenario);
        return await run.ExecuteAsync().ConfigureAwait(false);
    }

    private sealed class Run : IReplySender
    {
        private readonly ExactlyOnceScenario _scenario;
        private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        private readonly LocalQueue _queue;
        private readonly ServiceDispatcher _dispatcher;
        private readonly EventCountingLogger _logger = new();
        private readonly ConcurrentDictionary<string, int> _effects = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _replies = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, byte> _crashBeforeEffect = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, byte> _crashBeforeReply = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, byte> _replyFailure = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<string> _unexpected = new();
        private int _started;
        private int _settled;
        private int _hung;
        private int _crashesBeforeEffect;
        private int _crashesBeforeReply;
        private int _replyFailures;

        public Run(IIdempotencyStore? store, ExactlyOnceScenario scenario)
        {
            _scenario = scenario;
            _queue = new LocalQueue("lwf-ledger", new LocalQueueOptions { VisibilityTimeout = scenario.VisibilityTimeout }, _time);
            var registry = new ServiceRegistry().Map(Post, HandleAsync);
            _dispatcher = new ServiceDispatcher(
                registry,
                this,
                new ServiceDispatcherOptions
                {
                    DefaultRetry = new ServiceRetryOptions { MaxRetryAttempts = 0 },
                    TimeProvider = _time,
                    Idempotency = new IdempotencyOptions { Store = store, Lease = scenario.Lease },
                },
                _logger);
        }

        public async Task<ExactlyOnceReport> ExecuteAsync()
        {
            var random = new Random(_scenario.Seed);
            var late = new List<int>();
            var sent = 0;
            for (var i = 0; i < _scenario.Calls; i++)
            {
                var callId = CallIdOf(i);
                Plan(random, _scenario.CrashBeforeEffectRate, _crashBeforeEffect, callId);
                Plan(random, _scenario.CrashBeforeReplyRate, _crashBeforeReply, callId);
                Plan(random, _scenario.ReplyFailureRate, _replyFailure, callId);
                _queue.Send(Body(i));
                sent++;
                if (random.NextDouble() < _scenario.DuplicateRate)
                {
                    if (random.Next(2) == 0)
                    {
                        _queue.Send(Body(i));
                        sent++;
                    }
                    else
                    {
                        late.Add(i);
                    }
                }
            }

            var start = _time.GetUtcNow();
            await DrainAsync().ConfigureAwait(false);
            foreach (var i in late)
            {
                _queue.Send(Body(i));
                sent++;
            }

            await DrainAsync().ConfigureAwait(false);
            if (!_unexpected.IsEmpty)
            {
                throw new InvalidOperationException("Unexpected outcomes: " + string.Join("; ", _unexpected.Take(5)));
            }

            return new ExactlyOnceReport(
                _scenario.Calls,
                sent,
                _started,
                _effects.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
                _replies.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)[.. r.Value], StringComparer.Ordinal),
                _crashesBeforeEffect,
                _crashesBeforeReply,
                _replyFailures,
                _logger.Count(2010),
                _logger.Count(2011),
                _logger.Count(2012),
                _time.GetUtcNow() - start);
        }

        public async Task SendAsync(string replyTo, InboxMessage reply, CancellationToken cancellationToken = default)
        {
            var callId = ((CallCompleted)reply).CallId;
            if (_crashBeforeReply.TryRemove(callId, out _))
            {
                Interlocked.Increment(ref _crashesBeforeReply);
                await DieAsync().ConfigureAwait(false);
            }

            if (_replyFailure.TryRemove(callId, out _))
            {
                Interlocked.Increment(ref _replyFailures);
                throw new IOException("Injected: the inbox did not answer.");
            }

            _replies.GetOrAdd(callId, _ => new ConcurrentQueue<string>()).Enqueue(InboxMessageReader.ToJson(reply));
        }

        private async Task<LedgerPosting> HandleAsync(LedgerEntry entry, ServiceCallContext context, CancellationToken cancellationToken)
        {
            if (_crashBeforeEffect.TryRemove(context.CallId, out _))
            {
                Interlocked.Increment(ref _crashesBeforeEffect);
                await DieAsync().ConfigureAwait(false);
            }

            _effects.AddOrUpdate(context.CallId, 1, (_, count) => count + 1);
            await Task.Yield();
            return new LedgerPosting(entry.Number, entry.Amount * 2);
        }

        /// <summary>Receives and dispatches until every message is deleted, advancing the clock only when all work is settled or dead.</summary>
        private async Task DrainAsync()
        {
            using var patience = new CancellationTokenSource(Patience);
            while (true)
            {
                var batch = await _queue.ReceiveAsync(10, TimeSpan.Zero).ConfigureAwait(false);
                if (batch.Count > 0)
                {
                    foreach (var message in batch)
                    {
                        Interlocked.Increment(ref _started);
                        _ = Task.Run(() => DeliverAsync(message));
                    }

                    continue;
                }

                while (Volatile.Read(ref _settled) + Volatile.Read(ref _hung) < Volatile.Read(ref _started))
                {
                    await Task.Delay(1, patience.Token).ConfigureAwait(false);
                }

                var counts = _queue.GetCounts();
                if (counts.Visible > 0)
                {
                    continue;
                }

                if (counts.InFlight == 0 && counts.Delayed == 0)
                {
                    return;
                }

                patience.Token.ThrowIfCancellationRequested();
                _time.Advance(ClockStep);
            }
        }

        private async Task DeliverAsync(ReceivedLocalMessage message)
        {
            var outcome = await _dispatcher.HandleAsync(
                new QueueMessage(message.MessageId, Encoding.UTF8.GetBytes(message.Body), message.SentAt, message.ReceiveCount)).ConfigureAwait(false);
            switch (outcome.Disposition)
            {
                case MessageDisposition.Completed:
                    _queue.Delete(message.ReceiptHandle);
                    break;
                case MessageDisposition.Retry:
                    _queue.ChangeVisibility(message.ReceiptHandle, outcome.RetryAfter ?? TimeSpan.Zero);
                    break;
                default:
                    _unexpected.Enqueue($"{message.MessageId}: {outcome.Disposition} {outcome.Reason}");
                    _queue.Delete(message.ReceiptHandle);
                    break;
            }

            Interlocked.Increment(ref _settled);
        }

        /// <summary>A process death at this point: nothing after it runs, and the delivery never settles.</summary>
        private Task DieAsync()
        {
            Interlocked.Increment(ref _hung);
            return new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously).Task;
        }

        private static void Plan(Random random, double rate, ConcurrentDictionary<string, byte> plan, string callId)
        {
            if (random.NextDouble() < rate)
            {
                plan.TryAdd(callId, 0);
            }
        }

        private static string CallIdOf(int i) => CallIds.Create(InstanceOf(i), 1);

        private static string InstanceOf(int i) => "ledger-" + i.ToString("D5", CultureInfo.InvariantCulture);

        private string Body(int i) => new CallRequestedEvent
        {
            Id = Guid.NewGuid().ToString(),
            Time = _time.GetUtcNow(),
            Detail = new CallRequest
            {
                CallId = CallIdOf(i),
                InstanceId = InstanceOf(i),
                Workflow = "bookkeeping",
                Service = Post.Service,
                Operation = Post.Operation,
                ReplyTo = "lwf-inbox.fifo",
                Payload = JsonPayload.From(new LedgerEntry(i, i + 0.5m), Post.RequestType),
                RequestedAt = _time.GetUtcNow(),
            },
        }.ToJson();
    }
}

/// <summary>The harness's request.</summary>
public sealed record LedgerEntry(int Number, decimal Amount);

/// <summary>The harness's response.</summary>
public sealed record LedgerPosting(int Number, decimal Doubled);
