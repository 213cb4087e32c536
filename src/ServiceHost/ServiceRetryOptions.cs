using System.Text.Json;

namespace LambdaWorkflow.ServiceHost;

/// <summary>
/// How a handler is retried within one delivery before its failure is replied: exponential backoff
/// (optionally with jitter) for errors judged transient; permanent errors are replied at once.
/// </summary>
/// <remarks>
/// Retries run inside the same Lambda invocation, so keep their total well below the function timeout and
/// the queue's visibility timeout. With the defaults (3 retries from 200 ms) a call waits about 1.4 s in all.
/// </remarks>
public sealed class ServiceRetryOptions
{
    /// <summary>Retries after the first attempt; 0 disables retrying. Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The median delay before the first retry; it doubles with each retry. Default 200 ms; zero retries at once.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay between two attempts. Default 5 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Randomizes the delays so that failing calls do not retry in step. Default true.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// Decides whether an exception other than <see cref="ServiceException"/> is transient (retried) or permanent
    /// (replied at once). A <see cref="ServiceException"/> says so itself. Default <see cref="IsTransientByDefault"/>.
    /// </summary>
    public Func<Exception, bool> IsTransient { get; set; } = IsTransientByDefault;

    /// <summary>
    /// The default classification: programming and input errors are permanent, because running the same
    /// request again cannot change them (<see cref="ArgumentException"/> and its derivatives,
    /// <see cref="FormatException"/>, <see cref="JsonException"/>, <see cref="InvalidCastException"/>,
    /// <see cref="NullReferenceException"/>, <see cref="NotSupportedException"/>, <see cref="NotImplementedException"/>);
    /// everything else is transient, <see cref="InvalidOperationException"/> included, since clients use it for
    /// states that pass (an exhausted connection pool, a connection not yet open).
    /// </summary>
    public static bool IsTransientByDefault(Exception exception) => exception switch
    {
        null => throw new ArgumentNullException(nameof(exception)),
        ServiceException service => service.IsTransient,
        ArgumentException or FormatException or JsonException or InvalidCastException
            or NullReferenceException or NotSupportedException or NotImplementedException => false,
        _ => true,
    };

    /// <summary>Throws when a setting is out of range.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetryAttempts, nameof(MaxRetryAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero, nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BaseDelay, TimeSpan.FromDays(1), nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxDelay, TimeSpan.FromDays(1), nameof(MaxDelay));
        ArgumentNullException.ThrowIfNull(IsTransient, nameof(IsTransient));
    }
}
