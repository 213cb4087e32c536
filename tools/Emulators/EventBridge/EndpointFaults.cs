namespace LambdaWorkflow.Emulators;

/// <summary>Failures the local endpoint has been told to produce: whole requests, in order, and single entries.</summary>
internal sealed class EndpointFaults
{
    private readonly Lock _gate = new();
    private readonly Queue<RequestFault> _requests = new();
    private readonly List<EntryFault> _entries = [];

    /// <summary>Fails the next <paramref name="count"/> requests that pass the signature check.</summary>
    public void AddRequestFaults(int count, int statusCode, string errorCode, string message)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _requests.Enqueue(new RequestFault(statusCode, errorCode, message));
            }
        }
    }

    /// <summary>Fails the next <paramref name="times"/> entries that match.</summary>
    public void AddEntryFault(Func<PutEventsEntry, bool> match, string errorCode, string message, int times)
    {
        lock (_gate)
        {
            _entries.Add(new EntryFault(match, errorCode, message) { Remaining = times });
        }
    }

    /// <summary>The fault for the current request, if one is queued; it is used up.</summary>
    public RequestFault? TakeRequestFault()
    {
        lock (_gate)
        {
            return _requests.TryDequeue(out var fault) ? fault : null;
        }
    }

    /// <summary>The first rule that matches the entry and has uses left; one use is spent.</summary>
    public EntryFault? TakeEntryFault(PutEventsEntry entry)
    {
        lock (_gate)
        {
            foreach (var fault in _entries)
            {
                if (fault.Remaining > 0 && fault.Match(entry))
                {
                    fault.Remaining--;
                    return fault;
                }
            }

            return null;
        }
    }
}

/// <summary>A whole-request failure: status, AWS error code, message.</summary>
internal sealed record RequestFault(int StatusCode, string ErrorCode, string Message);

/// <summary>A rule that fails matching entries with an error code, a given number of times.</summary>
internal sealed record EntryFault(Func<PutEventsEntry, bool> Match, string ErrorCode, string Message)
{
    /// <summary>How many more entries this rule fails.</summary>
    public int Remaining { get; set; }
}
