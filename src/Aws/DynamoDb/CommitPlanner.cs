using Amazon.DynamoDBv2.Model;
using LambdaWorkflow.Orchestrator.State;
using A = LambdaWorkflow.Aws.DynamoDb.StateAttributes;

namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>
/// Decides what a commit writes. The run's newest events (the tail) ride in the metadata item, so a typical turn is
/// one PutItem of one write unit; when the tail would make the item larger than the target, the whole tail moves out
/// into segment items, written before the metadata item that makes them visible.
/// </summary>
/// <remarks>
/// A redone turn must write the same segments under the same keys, so the decision depends only on what the turn
/// computes, never on the clock: the update time and TTL count at their largest sizes.
/// </remarks>
internal static class CommitPlanner
{
    /// <summary>Bytes DynamoDB bills as one write unit.</summary>
    public const int WriteUnitBytes = 1024;

    // The update time is epoch seconds with up to 7 decimals (17 digits); the TTL whole epoch seconds (10 digits).
    private const int LargestTimeBytes = 10;
    private const int LargestTtlBytes = 6;

    /// <summary>Plans the commit.</summary>
    /// <param name="tableName">The table, for errors.</param>
    /// <param name="prior">The layout of the version the turn read; null when the commit creates the instance.</param>
    /// <param name="commit">The commit.</param>
    /// <param name="metadataItem">The metadata item without its tail; the plan adds the tail to it.</param>
    /// <param name="targetBytes">The metadata item's size up to which the tail stays in it.</param>
    /// <exception cref="ArgumentException">The commit's events do not continue the committed history.</exception>
    /// <exception cref="DynamoDbItemTooLargeException">An event or the metadata item exceeds DynamoDB's item limit.</exception>
    public static CommitPlan Plan(string tableName, InstanceLayout? prior, InstanceCommit commit, Dictionary<string, AttributeValue> metadataItem, int targetBytes)
    {
        var metadata = commit.Metadata;
        var first = metadata.FirstSequence;

        // Events of earlier runs leave the tail when the workflow continues as new: nothing reads them any more.
        var expectedStart = Math.Max(prior?.TailStart ?? first, first);
        List<StoredEvent> tail = [.. (prior?.Tail ?? []).Where(e => e.Sequence >= first)];
        foreach (var historyEvent in commit.NewEvents)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(historyEvent.Sequence, nameof(commit));
            tail.Add(StoredEvent.Of(historyEvent));
        }

        if (!IsContiguous(tail, expectedStart, metadata.EventCount))
        {
            throw new ArgumentException(
                $"The commit's events must continue the committed history from sequence {expectedStart} up to the event count {metadata.EventCount}.",
                nameof(commit));
        }

        var tailStart = tail.Count > 0 ? tail[0].Sequence : metadata.EventCount;
        metadataItem[A.TailStart] = AttributeValues.Number(tailStart);
        var limit = Math.Min(ItemSizeCalculator.MaxItemBytes, Math.Max(targetBytes, RoundUpToWriteUnit(DecisionSize(metadataItem))));
        var blob = tail.Count > 0 ? HistoryBlob.Encode(tail) : null;
        if (blob is null || (targetBytes > 0 && DecisionSize(metadataItem) + ItemSizeCalculator.Of(A.Events, Binary(blob)) <= limit))
        {
            if (blob is not null)
            {
                metadataItem[A.Events] = Binary(blob);
            }

            ThrowIfTooLarge(tableName, metadata.InstanceId, metadataItem);
            return new CommitPlan([], metadataItem, new InstanceLayout(metadata.Version, metadata.CreatedAt, first, tailStart, tail));
        }

        // A finishing turn's segments expire with the metadata item: nothing can reopen a finished instance (only a
        // faulted one resumes), and a TTL written with the item costs nothing, unlike one added later.
        var segments = Segments(tableName, metadata.InstanceId, tail, metadataItem.GetValueOrDefault(A.TimeToLive));
        metadataItem[A.TailStart] = AttributeValues.Number(metadata.EventCount);
        ThrowIfTooLarge(tableName, metadata.InstanceId, metadataItem);
        return new CommitPlan(segments, metadataItem, new InstanceLayout(metadata.Version, metadata.CreatedAt, first, metadata.EventCount, []));
    }

    private static List<(int, Dictionary<string, AttributeValue>)> Segments(
        string tableName, string instanceId, List<StoredEvent> events, AttributeValue? timeToLive)
    {
        // Greedy: as many consecutive events per item as fit under DynamoDB's limit, so almost always one item.
        // Sort keys have a fixed width, so every segment of the instance has the same key overhead; a TTL counts at
        // its largest size, so that a redone turn packs the same events into the same items.
        var overhead = ItemSizeCalculator.Of(A.PartitionKey, AttributeValues.String(StateKeys.Partition(instanceId)))
            + ItemSizeCalculator.Of(A.SortKey, AttributeValues.String(StateKeys.Segment(events[0].Sequence)))
            + A.Events.Length
            + (timeToLive is null ? 0 : A.TimeToLive.Length + LargestTtlBytes);
        var segments = new List<(int, Dictionary<string, AttributeValue>)>();
        var start = 0;
        var size = overhead;
        for (var i = 0; i < events.Count; i++)
        {
            var eventSize = HistoryBlob.SizeOf(events[i]);
            if (i > start && size + eventSize > ItemSizeCalculator.MaxItemBytes)
            {
                segments.Add((events[start].Sequence, SegmentItem(instanceId, events.GetRange(start, i - start), timeToLive)));
                start = i;
                size = overhead;
            }

            if (size + eventSize > ItemSizeCalculator.MaxItemBytes)
            {
                throw new DynamoDbItemTooLargeException(
                    tableName, nameof(DynamoDbOperation.BatchWriteItem), instanceId, events[i].Sequence, size + eventSize);
            }

            size += eventSize;
        }

        segments.Add((events[start].Sequence, SegmentItem(instanceId, events.GetRange(start, events.Count - start), timeToLive)));
        return segments;
    }

    private static Dictionary<string, AttributeValue> SegmentItem(string instanceId, List<StoredEvent> events, AttributeValue? timeToLive)
    {
        var item = new Dictionary<string, AttributeValue>(4, StringComparer.Ordinal)
        {
            [A.PartitionKey] = AttributeValues.String(StateKeys.Partition(instanceId)),
            [A.SortKey] = AttributeValues.String(StateKeys.Segment(events[0].Sequence)),
            [A.Events] = Binary(HistoryBlob.Encode(events)),
        };
        if (timeToLive is not null)
        {
            item[A.TimeToLive] = timeToLive;
        }

        return item;
    }

    private static int DecisionSize(Dictionary<string, AttributeValue> item)
    {
        var size = ItemSizeCalculator.Of(item);
        if (item.TryGetValue(A.UpdatedAt, out var updated))
        {
            size += A.UpdatedAt.Length + LargestTimeBytes - ItemSizeCalculator.Of(A.UpdatedAt, updated);
        }

        if (item.TryGetValue(A.TimeToLive, out var ttl))
        {
            size += A.TimeToLive.Length + LargestTtlBytes - ItemSizeCalculator.Of(A.TimeToLive, ttl);
        }

        return size;
    }

    private static int RoundUpToWriteUnit(int size) => (size + WriteUnitBytes - 1) / WriteUnitBytes * WriteUnitBytes;

    private static AttributeValue Binary(byte[] blob) => new() { B = new MemoryStream(blob, 0, blob.Length, writable: false, publiclyVisible: true) };

    private static bool IsContiguous(List<StoredEvent> tail, int expectedStart, int eventCount)
    {
        var end = tail.Count > 0 ? tail[^1].Sequence + 1 : expectedStart;
        var contiguous = (tail.Count == 0 || tail[0].Sequence == expectedStart) && end == eventCount;
        for (var i = 1; contiguous && i < tail.Count; i++)
        {
            contiguous = tail[i].Sequence == tail[i - 1].Sequence + 1;
        }

        return contiguous;
    }

    private static void ThrowIfTooLarge(string tableName, string instanceId, Dictionary<string, AttributeValue> item)
    {
        var size = ItemSizeCalculator.Of(item);
        if (size > ItemSizeCalculator.MaxItemBytes)
        {
            throw new DynamoDbItemTooLargeException(tableName, nameof(DynamoDbOperation.PutItem), instanceId, sequence: null, size);
        }
    }
}
