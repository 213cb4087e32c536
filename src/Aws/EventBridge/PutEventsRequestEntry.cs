using System.Text;

namespace LambdaWorkflow.Aws.EventBridge;

/// <summary>One event of a <c>PutEvents</c> request, named and shaped like the AWS API's <c>PutEventsRequestEntry</c>.</summary>
public sealed record PutEventsRequestEntry
{
    /// <summary>The size EventBridge counts for <see cref="Time"/>, whatever its value.</summary>
    public const int TimeSize = 14;

    /// <summary>The event's <c>source</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The event's <c>detail-type</c>.</summary>
    public required string DetailType { get; init; }

    /// <summary>The event's <c>detail</c>: a JSON object, as text.</summary>
    public required string Detail { get; init; }

    /// <summary>The bus's name or ARN; null puts the event on the account's default bus.</summary>
    public string? EventBusName { get; init; }

    /// <summary>The event's <c>time</c>; null lets EventBridge use the time it received the event.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>ARNs the event concerns; null or empty for none.</summary>
    public IReadOnlyList<string>? Resources { get; init; }

    /// <summary>An AWS X-Ray trace header; null for none.</summary>
    public string? TraceHeader { get; init; }

    /// <summary>
    /// The entry's size as EventBridge counts it against the 256 KB request limit: 14 bytes for <see cref="Time"/> if
    /// set, plus the UTF-8 bytes of <see cref="Source"/>, <see cref="DetailType"/>, <see cref="Detail"/> and each of
    /// <see cref="Resources"/>. The bus name and the trace header do not count.
    /// </summary>
    public int CalculateSize()
    {
        var size = Time is null ? 0 : TimeSize;
        size += Encoding.UTF8.GetByteCount(Source);
        size += Encoding.UTF8.GetByteCount(DetailType);
        size += Encoding.UTF8.GetByteCount(Detail);
        if (Resources is not null)
        {
            foreach (var resource in Resources)
            {
                size += resource is null ? 0 : Encoding.UTF8.GetByteCount(resource);
            }
        }

        return size;
    }
}
