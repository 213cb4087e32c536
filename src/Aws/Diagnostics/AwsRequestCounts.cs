namespace LambdaWorkflow.Aws.Diagnostics;

/// <summary>
/// What an <see cref="AwsRequestMeter"/> counted up to a moment; subtract two to get what happened in between.
/// </summary>
public sealed class AwsRequestCounts
{
    /// <summary>Creates a snapshot.</summary>
    public AwsRequestCounts(
        IReadOnlyDictionary<string, long> requests, IReadOnlyDictionary<string, long> errors, long putEventsEntries, long putEventsFailedEntries)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(errors);
        Requests = requests;
        Errors = errors;
        PutEventsEntries = putEventsEntries;
        PutEventsFailedEntries = putEventsFailedEntries;
    }

    /// <summary>No requests.</summary>
    public static AwsRequestCounts Empty { get; } = new(new Dictionary<string, long>(), new Dictionary<string, long>(), 0, 0);

    /// <summary>Requests by <c>{service}.{operation}</c> (<c>sqs.SendMessageBatch</c>), retries included, in key order.</summary>
    public IReadOnlyDictionary<string, long> Requests { get; }

    /// <summary>
    /// Failed requests by <c>{service}.{operation}.{error code}</c> (<c>dynamodb.PutItem.ConditionalCheckFailedException</c>;
    /// <c>NetworkError</c> when no answer came); each is also in <see cref="Requests"/>.
    /// </summary>
    public IReadOnlyDictionary<string, long> Errors { get; }

    /// <summary>Entries sent in <c>PutEvents</c> requests, resent ones included: EventBridge bills each (per 64 KB).</summary>
    public long PutEventsEntries { get; }

    /// <summary>Entries that <c>PutEvents</c> responses reported failed (their <c>FailedEntryCount</c>).</summary>
    public long PutEventsFailedEntries { get; }

    /// <summary>
    /// SQS requests by <c>{queue type}.{operation}</c>, the queue type being <c>standard</c>, <c>fifo</c> (the queue
    /// URL ends in <c>.fifo</c>) or <c>unknown</c> (no queue URL in the request). Each is also in <see cref="Requests"/>.
    /// </summary>
    public IReadOnlyDictionary<string, long> SqsRequestsByQueueType { get; init; } = new Dictionary<string, long>();

    /// <summary>Entries of SQS batch requests (<c>SendMessageBatch</c>, <c>DeleteMessageBatch</c>) by <c>{queue type}.{operation}</c>.</summary>
    public IReadOnlyDictionary<string, long> SqsEntriesByQueueType { get; init; } = new Dictionary<string, long>();

    /// <summary>Every request counted.</summary>
    public long TotalRequests => Requests.Values.Sum();

    /// <summary>Requests of one operation; 0 when none.</summary>
    public long this[string service, string operation] => Requests.GetValueOrDefault(Key(service, operation));

    /// <summary>Requests to one service (<c>sqs</c>, <c>dynamodb</c>, <c>events</c>).</summary>
    public long ServiceTotal(string service)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        var prefix = service + ".";
        return Requests.Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(pair => pair.Value);
    }

    /// <summary>The counts between two snapshots; kinds that did not change are left out.</summary>
    public static AwsRequestCounts operator -(AwsRequestCounts later, AwsRequestCounts earlier)
    {
        ArgumentNullException.ThrowIfNull(later);
        ArgumentNullException.ThrowIfNull(earlier);
        return new AwsRequestCounts(
            Difference(later.Requests, earlier.Requests),
            Difference(later.Errors, earlier.Errors),
            later.PutEventsEntries - earlier.PutEventsEntries,
            later.PutEventsFailedEntries - earlier.PutEventsFailedEntries)
        {
            SqsRequestsByQueueType = Difference(later.SqsRequestsByQueueType, earlier.SqsRequestsByQueueType),
            SqsEntriesByQueueType = Difference(later.SqsEntriesByQueueType, earlier.SqsEntriesByQueueType),
        };
    }

    /// <summary>The counts between two snapshots.</summary>
    public static AwsRequestCounts Subtract(AwsRequestCounts later, AwsRequestCounts earlier) => later - earlier;

    /// <summary>The counts of two meters together.</summary>
    public static AwsRequestCounts operator +(AwsRequestCounts left, AwsRequestCounts right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new AwsRequestCounts(
            Sum(left.Requests, right.Requests),
            Sum(left.Errors, right.Errors),
            left.PutEventsEntries + right.PutEventsEntries,
            left.PutEventsFailedEntries + right.PutEventsFailedEntries)
        {
            SqsRequestsByQueueType = Sum(left.SqsRequestsByQueueType, right.SqsRequestsByQueueType),
            SqsEntriesByQueueType = Sum(left.SqsEntriesByQueueType, right.SqsEntriesByQueueType),
        };
    }

    /// <summary>The counts of two meters together.</summary>
    public static AwsRequestCounts Add(AwsRequestCounts left, AwsRequestCounts right) => left + right;

    /// <summary>The key of an operation: <c>{service}.{operation}</c>.</summary>
    internal static string Key(string service, string operation) => service + "." + operation;

    private static SortedDictionary<string, long> Difference(IReadOnlyDictionary<string, long> later, IReadOnlyDictionary<string, long> earlier)
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, value) in later)
        {
            var delta = value - earlier.GetValueOrDefault(key);
            if (delta != 0)
            {
                result[key] = delta;
            }
        }

        return result;
    }

    private static SortedDictionary<string, long> Sum(IReadOnlyDictionary<string, long> left, IReadOnlyDictionary<string, long> right)
    {
        var result = new SortedDictionary<string, long>(left.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (key, value) in right)
        {
            result[key] = result.GetValueOrDefault(key) + value;
        }

        return result;
    }
}
