using System.Collections.Concurrent;
using LambdaWorkflow.Local.Queues;
using Microsoft.Extensions.Time.Testing;
using static LambdaWorkflow.UnitTests.Queues.QueueTestKit;

namespace LambdaWorkflow.UnitTests.Queues;

/// <summary>
/// Many senders and long-polling receivers at once. Time stands still (FakeTimeProvider), so no visibility
/// timeout passes: every message must be delivered exactly once. Receivers stop by cancellation.
/// </summary>
public sealed class LocalQueueConcurrencyTests
{
    private const int Producers = 4;
    private const int Consumers = 4;
    private const int MessagesPerProducer = 2_500;
    private const int TotalMessages = Producers * MessagesPerProducer;

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ReceiveAsync_ConcurrentProducersAndConsumers_DeliversAndDeletesEveryMessageOnce()
    {
        var queue = Standard(_time);
        var deliveries = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        int deleted = 0;
        int failedDeletes = 0;
        using var allDeleted = new CancellationTokenSource();

        async Task ConsumeAsync()
        {
            while (true)
            {
                IReadOnlyList<ReceivedLocalMessage> batch;
                try
                {
                    batch = await queue.ReceiveAsync(10, TimeSpan.FromSeconds(20), cancellationToken: allDeleted.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                foreach (var message in batch)
                {
                    deliveries.AddOrUpdate(message.Body, 1, (_, count) => count + 1);
                    if (!queue.Delete(message.ReceiptHandle))
                    {
                        Interlocked.Increment(ref failedDeletes);
                    }

                    if (Interlocked.Increment(ref deleted) == TotalMessages)
                    {
                        await allDeleted.CancelAsync();
                    }
                }
            }
        }

        var consumers = Enumerable.Range(0, Consumers).Select(_ => Task.Run(ConsumeAsync)).ToArray();
        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(() =>
        {
            for (int i = 0; i < MessagesPerProducer; i++)
            {
                queue.Send($"{p}-{i}");
            }
        })).ToArray();
        await Task.WhenAll([.. producers, .. consumers]).WaitAsync(HangGuard);

        Assert.Equal(TotalMessages, deliveries.Count);
        Assert.All(deliveries, pair => Assert.Equal(1, pair.Value));
        Assert.Equal(0, failedDeletes);
        Assert.Equal(new QueueCounts(0, 0, 0, TimeSpan.Zero), queue.GetCounts());
    }

    [Fact]
    public async Task ReceiveAsync_ConcurrentFifoConsumers_KeepGroupOrderAndNeverShareAGroup()
    {
        const int groups = 40;
        const int perGroup = 250;
        var queue = Fifo(_time);
        var nextIndex = new int[groups];
        var busy = new int[groups];
        var violations = new ConcurrentQueue<string>();
        int deleted = 0;
        using var allDeleted = new CancellationTokenSource();

        async Task ConsumeAsync()
        {
            while (true)
            {
                IReadOnlyList<ReceivedLocalMessage> batch;
                try
                {
                    batch = await queue.ReceiveAsync(10, TimeSpan.FromSeconds(20), cancellationToken: allDeleted.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                foreach (var run in batch.GroupBy(m => int.Parse(m.GroupId!, System.Globalization.CultureInfo.InvariantCulture)))
                {
                    int group = run.Key;

                    // The group is ours until we delete its messages: nobody else may be holding it.
                    if (Interlocked.CompareExchange(ref busy[group], 1, 0) != 0)
                    {
                        violations.Enqueue($"group {group} delivered to two receivers at once");
                    }

                    foreach (var message in run)
                    {
                        int index = int.Parse(message.Body, System.Globalization.CultureInfo.InvariantCulture);
                        if (index != nextIndex[group])
                        {
                            violations.Enqueue($"group {group}: got {index}, expected {nextIndex[group]}");
                        }

                        nextIndex[group] = index + 1;
                    }

                    // Released while the messages are still in flight, so the group stays locked until the deletes.
                    Volatile.Write(ref busy[group], 0);
                    foreach (var message in run)
                    {
                        if (!queue.Delete(message.ReceiptHandle))
                        {
                            violations.Enqueue($"delete failed in group {group}");
                        }

                        if (Interlocked.Increment(ref deleted) == groups * perGroup)
                        {
                            await allDeleted.CancelAsync();
                        }
                    }
                }
            }
        }

        var consumers = Enumerable.Range(0, Consumers).Select(_ => Task.Run(ConsumeAsync)).ToArray();

        // Each producer owns some groups, so each group's send order is well defined.
        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(() =>
        {
            for (int i = 0; i < perGroup; i++)
            {
                for (int group = p; group < groups; group += Producers)
                {
                    queue.SendToGroup(i.ToString(System.Globalization.CultureInfo.InvariantCulture), group.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        })).ToArray();
        await Task.WhenAll([.. producers, .. consumers]).WaitAsync(HangGuard);

        Assert.Empty(violations);
        Assert.All(nextIndex, next => Assert.Equal(perGroup, next));
        Assert.Equal(new QueueCounts(0, 0, 0, TimeSpan.Zero), queue.GetCounts());
    }

    [Fact]
    public async Task ReceiveAsync_ConcurrentRedeliveries_NeverTwoHoldersOfOneMessage()
    {
        // Time moves while receivers work: messages expire and are redelivered, but a message is never in
        // flight with two receivers whose handles both delete it.
        var queue = Standard(_time, new LocalQueueOptions { VisibilityTimeout = TimeSpan.FromSeconds(1) });
        for (int i = 0; i < 2_000; i++)
        {
            queue.Send(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var successfulDeletes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource();
        var clock = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                _time.Advance(TimeSpan.FromMilliseconds(200));
                await Task.Yield();
            }
        });

        async Task ConsumeAsync()
        {
            while (queue.GetCounts() is { Visible: > 0 } or { InFlight: > 0 })
            {
                foreach (var message in await queue.ReceiveAsync(10, TimeSpan.Zero))
                {
                    if (queue.Delete(message.ReceiptHandle))
                    {
                        successfulDeletes.AddOrUpdate(message.MessageId, 1, (_, count) => count + 1);
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Consumers).Select(_ => Task.Run(ConsumeAsync))).WaitAsync(HangGuard);
        await stop.CancelAsync();
        await clock;

        Assert.Equal(2_000, successfulDeletes.Count);
        Assert.All(successfulDeletes, pair => Assert.Equal(1, pair.Value));
    }
}
