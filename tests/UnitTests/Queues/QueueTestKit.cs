using LambdaWorkflow.Local.Queues;
using Microsoft.Extensions.Time.Testing;

namespace LambdaWorkflow.UnitTests.Queues;

/// <summary>Shorthands for the queue tests.</summary>
internal static class QueueTestKit
{
    /// <summary>A real-time bound on awaits that should complete at once; it only keeps a broken test from hanging.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultVisibility = TimeSpan.FromSeconds(30);

    public static LocalQueue Standard(FakeTimeProvider time, LocalQueueOptions? options = null, LocalQueue? deadLetterQueue = null, string name = "work") =>
        new(name, options ?? new LocalQueueOptions(), time, deadLetterQueue);

    public static LocalQueue Fifo(FakeTimeProvider time, LocalQueueOptions? options = null, LocalQueue? deadLetterQueue = null, string name = "inbox.fifo") =>
        new(name, options ?? new LocalQueueOptions { Fifo = true }, time, deadLetterQueue);

    public static SendResult SendToGroup(this LocalQueue queue, string body, string groupId, string? deduplicationId = null) =>
        queue.Send(body, groupId: groupId, deduplicationId: deduplicationId ?? Guid.NewGuid().ToString("N"));

    public static async Task<IReadOnlyList<ReceivedLocalMessage>> ReceiveNowAsync(this LocalQueue queue, int maxMessages = 10, TimeSpan? visibilityTimeout = null) =>
        await queue.ReceiveAsync(maxMessages, TimeSpan.Zero, visibilityTimeout);

    public static async Task<ReceivedLocalMessage> ReceiveOneAsync(this LocalQueue queue, TimeSpan? visibilityTimeout = null) =>
        Assert.Single(await queue.ReceiveAsync(1, TimeSpan.Zero, visibilityTimeout));

    public static string[] Bodies(this IEnumerable<ReceivedLocalMessage> messages) => [.. messages.Select(m => m.Body)];
}
