namespace LambdaWorkflow.Aws.EventBridge;

/// <summary>
/// EventBridge did not accept some commands: an entry failed with a code that retrying cannot change (such as
/// <c>InvalidArgument</c>), or retryable failures outlasted the retries. Commands of the same publish call that were
/// accepted stay published; the whole call may be repeated, since <c>callId</c> makes duplicates harmless.
/// </summary>
public sealed class EventBridgeEntryException : EventBridgeException
{
    /// <summary>Creates the error for the failed entries.</summary>
    /// <param name="operation">The operation, such as <see cref="EventBridgeException.PutEventsOperation"/>.</param>
    /// <param name="failures">The failed commands, at least one.</param>
    /// <param name="retriesExhausted">True when every failure was retryable and the retries ran out.</param>
    public EventBridgeEntryException(string operation, IReadOnlyList<EventBridgeEntryFailure> failures, bool retriesExhausted)
        : base(operation, Describe(operation, failures, retriesExhausted), statusCode: null, errorCode: failures[0].ErrorCode,
            errorMessage: failures[0].ErrorMessage, requestId: null, isTransportError: false, innerException: null)
    {
        Failures = failures;
        RetriesExhausted = retriesExhausted;
    }

    /// <summary>Creates the error with a message only.</summary>
    public EventBridgeEntryException()
        : this("EventBridge did not accept an entry.")
    {
    }

    /// <summary>Creates the error with a message only.</summary>
    public EventBridgeEntryException(string message)
        : base(message)
    {
        Failures = [];
    }

    /// <summary>Creates the error with a message and its cause.</summary>
    public EventBridgeEntryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failures = [];
    }

    /// <summary>The call id of the first failed command.</summary>
    public string? CallId => Failures.Count > 0 ? Failures[0].CallId : null;

    /// <summary>Every failed command with its error code and message.</summary>
    public IReadOnlyList<EventBridgeEntryFailure> Failures { get; }

    /// <summary>True when all failures were retryable and the retries ran out; false when an entry failed for good.</summary>
    public bool RetriesExhausted { get; }

    private static string Describe(string operation, IReadOnlyList<EventBridgeEntryFailure> failures, bool retriesExhausted)
    {
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentOutOfRangeException.ThrowIfZero(failures.Count, nameof(failures));
        var list = string.Join("; ", failures.Select(f =>
            string.IsNullOrEmpty(f.ErrorMessage) ? $"call {f.CallId}: {f.ErrorCode}" : $"call {f.CallId}: {f.ErrorCode} ({f.ErrorMessage})"));
        return retriesExhausted
            ? $"EventBridge {operation} still failed {failures.Count} entr{(failures.Count == 1 ? "y" : "ies")} when the retries ran out: {list}."
            : $"EventBridge {operation} rejected {failures.Count} entr{(failures.Count == 1 ? "y" : "ies")} with a non-retryable error: {list}.";
    }
}
