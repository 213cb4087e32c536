using System.Globalization;

namespace LambdaWorkflow.Aws.EventBridge;

/// <summary>
/// One batch on its way through the retry pipeline: each attempt sends only the entries still pending, and narrows
/// them to those that failed with a retryable code.
/// </summary>
internal sealed class PutEventsBatchSend
{
    private readonly IPutEventsClient _client;
    private readonly Func<string, bool> _isRetryableEntryError;
    private List<PendingEntry> _pending;

    public PutEventsBatchSend(IPutEventsClient client, IReadOnlyList<PendingEntry> batch, Func<string, bool> isRetryableEntryError)
    {
        _client = client;
        _isRetryableEntryError = isRetryableEntryError;
        _pending = [.. batch];
    }

    /// <summary>The entries the next attempt sends.</summary>
    public IReadOnlyList<PendingEntry> Pending => _pending;

    /// <summary>The last response's failures whose code is retryable.</summary>
    public List<EventBridgeEntryFailure> RetryableFailures { get; } = [];

    /// <summary>The last response's failures whose code retrying cannot change.</summary>
    public List<EventBridgeEntryFailure> PermanentFailures { get; } = [];

    /// <summary>How many requests this batch has sent, failed ones included.</summary>
    public int RequestCount { get; private set; }

    /// <summary>
    /// True when the last response failed some entries, all retryably. A response with any permanent failure is not
    /// retried: the publish call fails anyway, and its caller repeats it on the message's redelivery.
    /// </summary>
    public bool ShouldRetryEntries => PermanentFailures.Count == 0 && RetryableFailures.Count > 0;

    /// <summary>Sends the pending entries once and sorts the failed ones.</summary>
    public async ValueTask<PutEventsBatchSend> SendPendingAsync(CancellationToken cancellationToken)
    {
        RetryableFailures.Clear();
        PermanentFailures.Clear();
        RequestCount++;
        var entries = new PutEventsRequestEntry[_pending.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = _pending[i].Entry;
        }

        var result = await _client.PutEventsAsync(entries, cancellationToken).ConfigureAwait(false);
        if (result.Entries.Count != entries.Length)
        {
            throw new EventBridgeException(string.Create(CultureInfo.InvariantCulture,
                $"EventBridge PutEvents returned {result.Entries.Count} entry results for {entries.Length} entries sent."));
        }

        var retry = new List<PendingEntry>();
        for (var i = 0; i < entries.Length; i++)
        {
            var outcome = result.Entries[i];
            if (outcome.ErrorCode is not { } code)
            {
                continue;
            }

            var failure = new EventBridgeEntryFailure(_pending[i].CallId, code, outcome.ErrorMessage);
            if (_isRetryableEntryError(code))
            {
                RetryableFailures.Add(failure);
                retry.Add(_pending[i]);
            }
            else
            {
                PermanentFailures.Add(failure);
            }
        }

        _pending = retry;
        return this;
    }
}
