namespace LambdaWorkflow.Aws.EventBridge;

/// <summary>Splits entries, in order, into requests within EventBridge's count and size limits.</summary>
internal static class PutEventsBatcher
{
    /// <summary>
    /// Fills each request greedily in command order, so commands go out in the order they were issued.
    /// </summary>
    /// <exception cref="EventBridgeEntryTooLargeException">An entry alone exceeds <paramref name="maxBytes"/>; nothing is returned.</exception>
    public static List<List<PendingEntry>> Split(IReadOnlyList<PendingEntry> entries, int maxEntries, int maxBytes)
    {
        var batches = new List<List<PendingEntry>>();
        var current = new List<PendingEntry>(Math.Min(maxEntries, entries.Count));
        var currentBytes = 0;
        foreach (var entry in entries)
        {
            if (entry.Size > maxBytes)
            {
                throw new EventBridgeEntryTooLargeException(entry.CallId, entry.Size, maxBytes);
            }

            if (current.Count == maxEntries || currentBytes + entry.Size > maxBytes)
            {
                batches.Add(current);
                current = new List<PendingEntry>(maxEntries);
                currentBytes = 0;
            }

            current.Add(entry);
            currentBytes += entry.Size;
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return batches;
    }
}
