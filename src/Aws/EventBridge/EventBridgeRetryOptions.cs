using System.Net;

namespace LambdaWorkflow.Aws.EventBridge;

/// <summary>
/// How <see cref="EventBridgeCommandPublisher"/> retries: exponential backoff (optionally with jitter) for whole
/// requests that fail transiently (throttling, 5xx, network) and for the entries of a partial failure whose
/// <c>ErrorCode</c> is retryable. Only the failed entries are sent again.
/// </summary>
/// <remarks>
/// Retries run inside the orchestrator's invocation, so keep their total well below the Lambda timeout and the
/// inbox queue's visibility timeout. With the defaults (5 retries from 100 ms, capped at 5 s) a batch waits about
/// 3 s in all before the publisher gives up and throws.
/// </remarks>
public sealed class EventBridgeRetryOptions
{
    private static readonly HashSet<string> RetryableRequestErrorCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException",
        "Throttling",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "ProvisionedThroughputExceededException",
        "InternalFailure",
        "InternalServerError",
        "ServiceUnavailable",
        "RequestTimeout",
        "RequestTimeoutException",
    };

    /// <summary>Retries after the first attempt; 0 disables retrying. Default 5.</summary>
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>The median delay before the first retry; it doubles with each retry. Default 100 ms; zero retries at once.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay between two attempts. Default 5 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Randomizes the delays so that orchestrators throttled together do not retry in step. Default true.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// Decides whether a failed request (no per-entry result) is retried. Default <see cref="IsRetryableRequestErrorByDefault"/>.
    /// </summary>
    public Func<EventBridgeException, bool> IsRetryableRequestError { get; set; } = IsRetryableRequestErrorByDefault;

    /// <summary>
    /// Decides whether an entry that failed with the given <c>ErrorCode</c> is sent again.
    /// Default <see cref="IsRetryableEntryErrorByDefault"/>.
    /// </summary>
    public Func<string, bool> IsRetryableEntryError { get; set; } = IsRetryableEntryErrorByDefault;

    /// <summary>
    /// The default request classification: no response at all (connection failure, timeout), HTTP 5xx and 429, and the
    /// AWS throttling and internal error codes (<c>ThrottlingException</c>, <c>InternalFailure</c>,
    /// <c>ServiceUnavailable</c> and their kin) are retried; everything else, a bad signature or a validation error
    /// included, cannot change by sending the same request again.
    /// </summary>
    public static bool IsRetryableRequestErrorByDefault(EventBridgeException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.IsTransportError)
        {
            return true;
        }

        if (exception.ErrorCode is { } code && RetryableRequestErrorCodes.Contains(code))
        {
            return true;
        }

        return exception.StatusCode is { } status
            && ((int)status >= 500 || status == HttpStatusCode.TooManyRequests);
    }

    /// <summary>
    /// The default entry classification, as EventBridge documents it for <c>PutEventsResultEntry.ErrorCode</c>:
    /// <c>InternalFailure</c> and <c>ThrottlingException</c> are retryable; every other code
    /// (<c>InvalidArgument</c>, <c>MalformedDetail</c>, <c>AccessDeniedException</c>, ...) is not.
    /// </summary>
    public static bool IsRetryableEntryErrorByDefault(string errorCode) =>
        errorCode is "InternalFailure" or "ThrottlingException";

    /// <summary>Throws when a setting is out of range.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetryAttempts, nameof(MaxRetryAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero, nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BaseDelay, TimeSpan.FromDays(1), nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxDelay, TimeSpan.FromDays(1), nameof(MaxDelay));
        ArgumentNullException.ThrowIfNull(IsRetryableRequestError, nameof(IsRetryableRequestError));
        ArgumentNullException.ThrowIfNull(IsRetryableEntryError, nameof(IsRetryableEntryError));
    }
}
