using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>Primary keys of the state items (<see cref="StateAttributes"/>).</summary>
internal static class StateKeys
{
    /// <summary>Digits of a history sort key: ten hold any non-negative <see cref="int"/>, and fixed width makes string order sequence order.</summary>
    private const string SequenceFormat = "D10";

    /// <summary>The partition key value of an instance.</summary>
    public static string Partition(string instanceId) => StateAttributes.InstancePrefix + instanceId;

    /// <summary>The sort key of history event <paramref name="sequence"/>.</summary>
    public static string History(int sequence) =>
        StateAttributes.HistoryPrefix + sequence.ToString(SequenceFormat, CultureInfo.InvariantCulture);

    /// <summary>The sort key of the history segment whose first event is <paramref name="firstSequence"/>.</summary>
    public static string Segment(int firstSequence) =>
        StateAttributes.SegmentPrefix + firstSequence.ToString(SequenceFormat, CultureInfo.InvariantCulture);

    /// <summary>The key of the metadata item.</summary>
    public static Dictionary<string, AttributeValue> MetadataKey(string instanceId) => new(2, StringComparer.Ordinal)
    {
        [StateAttributes.PartitionKey] = new AttributeValue { S = Partition(instanceId) },
        [StateAttributes.SortKey] = new AttributeValue { S = StateAttributes.MetadataSortKey },
    };

    /// <summary>The sequence a history sort key names.</summary>
    /// <exception cref="FormatException">The key is not a history sort key.</exception>
    public static int ParseHistory(string sortKey)
    {
        if (!sortKey.StartsWith(StateAttributes.HistoryPrefix, StringComparison.Ordinal)
            || !int.TryParse(sortKey.AsSpan(StateAttributes.HistoryPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            throw new FormatException($"'{sortKey}' is not a history sort key.");
        }

        return sequence;
    }
}
