namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>
/// The single-table layout of workflow state, in one place. Attribute names are short on purpose: DynamoDB
/// bills every byte of every attribute name on every write (1 WCU per 1 KB), so a history item pays for its
/// names once per event.
/// </summary>
/// <remarks>
/// <code>
/// pk = "wf#{instanceId}"   sk = "meta"               the metadata item (one per instance), with the open tail of the history
/// pk = "wf#{instanceId}"   sk = "s#{first:D10}"      a closed history segment: consecutive events from sequence first on
/// pk = "wf#{instanceId}"   sk = "h#{sequence:D10}"   the previous layout: one history item per event (read, never written)
/// </code>
/// Metadata item: <see cref="Workflow"/>, <see cref="Status"/>, <see cref="Version"/>, <see cref="EventCount"/>,
/// <see cref="Input"/>, <see cref="Output"/>, the error (<see cref="ErrorType"/>, <see cref="ErrorMessage"/>,
/// <see cref="ErrorStackTrace"/>), <see cref="CreatedAt"/>, <see cref="UpdatedAt"/>, <see cref="TailStart"/>,
/// <see cref="Events"/> (the tail) and, once finished, <see cref="TimeToLive"/>.
/// Segment item: <see cref="Events"/>. The current run's history is the segments from <see cref="FirstSequence"/>
/// up to <see cref="TailStart"/>, then the tail up to <see cref="EventCount"/>; a metadata item without
/// <see cref="TailStart"/> is in the previous layout, whose history items have <see cref="Type"/>,
/// <see cref="Timestamp"/>, <see cref="CallNumber"/>, <see cref="Service"/>, <see cref="Operation"/>,
/// <see cref="Attempt"/>, <see cref="Payload"/> and the failure (the same three error attributes).
/// Attributes holding a default (no payload, call number -1, attempt 0, no failure, empty tail) are left out.
/// Enums are stored as their numbers; times as Unix epoch seconds with up to 7 decimals (exact to the tick);
/// JSON payloads as Binary attributes holding the raw UTF-8 bytes, so they are never re-encoded.
/// </remarks>
internal static class StateAttributes
{
    /// <summary>Partition key (S): <c>wf#{instanceId}</c>.</summary>
    public const string PartitionKey = "pk";

    /// <summary>Sort key (S): <c>meta</c>, <c>s#{first:D10}</c> or (previous layout) <c>h#{sequence:D10}</c>.</summary>
    public const string SortKey = "sk";

    /// <summary>Prefix of the partition key.</summary>
    public const string InstancePrefix = "wf#";

    /// <summary>Sort key of the metadata item.</summary>
    public const string MetadataSortKey = "meta";

    /// <summary>Prefix of the previous layout's history sort keys (one event per item).</summary>
    public const string HistoryPrefix = "h#";

    /// <summary>Prefix of history segment sort keys.</summary>
    public const string SegmentPrefix = "s#";

    /// <summary>
    /// Metadata: the sequence of the tail's first event (N); every event before it, from <see cref="FirstSequence"/>
    /// on, is in segments. Absent in the previous layout.
    /// </summary>
    public const string TailStart = "hs";

    /// <summary>
    /// Metadata (the tail) and segments: consecutive history events (B), each a varint length followed by the event in
    /// <c>HistoryEventBinary</c> form.
    /// </summary>
    public const string Events = "h";

    /// <summary>Metadata: the workflow name (S).</summary>
    public const string Workflow = "wf";

    /// <summary>Metadata: the status (N, <c>WorkflowStatus</c> as a number).</summary>
    public const string Status = "st";

    /// <summary>Metadata: the version every commit is conditional on (N).</summary>
    public const string Version = "v";

    /// <summary>Metadata: the committed history length over all runs (N).</summary>
    public const string EventCount = "n";

    /// <summary>Metadata: the current run's first sequence (N), present once the workflow continued as new.</summary>
    public const string FirstSequence = "fs";

    /// <summary>Metadata: the workflow input (B, UTF-8 JSON).</summary>
    public const string Input = "in";

    /// <summary>Metadata: the workflow result (B, UTF-8 JSON).</summary>
    public const string Output = "out";

    /// <summary>Metadata: created (N, epoch seconds).</summary>
    public const string CreatedAt = "ca";

    /// <summary>Metadata: last commit (N, epoch seconds).</summary>
    public const string UpdatedAt = "ua";

    /// <summary>Metadata: when DynamoDB may delete a finished instance (N, whole epoch seconds); the table's TTL attribute.</summary>
    public const string TimeToLive = "ttl";

    /// <summary>Metadata error or history failure: the error type (S).</summary>
    public const string ErrorType = "et";

    /// <summary>Metadata error or history failure: the message (S).</summary>
    public const string ErrorMessage = "em";

    /// <summary>Metadata error or history failure: the stack trace (S), when there is one.</summary>
    public const string ErrorStackTrace = "es";

    /// <summary>History: the event type (N, <c>HistoryEventType</c> as a number).</summary>
    public const string Type = "t";

    /// <summary>History: when it happened (N, epoch seconds).</summary>
    public const string Timestamp = "ts";

    /// <summary>History: the call number (N); absent means -1.</summary>
    public const string CallNumber = "c";

    /// <summary>History: the called service (S).</summary>
    public const string Service = "s";

    /// <summary>History: the called operation (S).</summary>
    public const string Operation = "o";

    /// <summary>History: the name of an external event or the change id of a version marker (S).</summary>
    public const string Name = "n";

    /// <summary>History: the sender's id of an external event (S).</summary>
    public const string Key = "k";

    /// <summary>Metadata: the workflow's custom status (B, UTF-8 JSON).</summary>
    public const string CustomStatus = "cs";

    /// <summary>History: the dispatch attempt (N); absent means 0.</summary>
    public const string Attempt = "a";

    /// <summary>History: input, request, response or result (B, UTF-8 JSON).</summary>
    public const string Payload = "p";
}
