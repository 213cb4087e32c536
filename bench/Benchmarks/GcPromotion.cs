using System.Diagnostics.Tracing;
using System.Globalization;

namespace LambdaWorkflow.Benchmarks;

/// <summary>
/// Bytes the collector copied to an older generation, from the runtime's own GC events. A collection's pause grows
/// with what survives it, not with what was allocated, so this is what explains the GC time of a run: with thousands
/// of instances in flight, a step's messages and pending state outlive several gen0 collections and are copied twice.
/// </summary>
internal sealed class GcPromotion : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const long GcKeyword = 0x1;
    private long _collections;
    private long _outOfGen0;
    private long _outOfGen1;

    /// <summary>The totals so far: collections seen, bytes promoted out of gen0, bytes promoted out of gen1 (into gen2).</summary>
    public (long Collections, long OutOfGen0, long OutOfGen1) Totals =>
        (Interlocked.Read(ref _collections), Interlocked.Read(ref _outOfGen0), Interlocked.Read(ref _outOfGen1));

    /// <summary>
    /// Waits until the listener has seen <paramref name="collections"/> collections: the runtime hands its events over
    /// on a session thread, a little after the collection.
    /// </summary>
    public async Task<bool> CatchUpAsync(long collections)
    {
        for (var i = 0; i < 200 && Interlocked.Read(ref _collections) < collections; i++)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }

        return Interlocked.Read(ref _collections) >= collections;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        // GCHeapStats: GenerationSize0, TotalPromotedSize0, GenerationSize1, TotalPromotedSize1, GenerationSize2,
        // TotalPromotedSize2, ... one per collection. A gen2 collection's event (a background one ends long after the
        // ephemeral ones that ran meanwhile) repeats the last ephemeral figures, so only its count is taken.
        if (eventData.EventName is not { } name || !name.StartsWith("GCHeapStats", StringComparison.Ordinal) || eventData.Payload is not { Count: >= 6 } payload)
        {
            return;
        }

        if (Convert.ToInt64(payload[5], CultureInfo.InvariantCulture) == 0)
        {
            Interlocked.Add(ref _outOfGen0, Convert.ToInt64(payload[1], CultureInfo.InvariantCulture));
            Interlocked.Add(ref _outOfGen1, Convert.ToInt64(payload[3], CultureInfo.InvariantCulture));
        }

        Interlocked.Increment(ref _collections);
    }
}
