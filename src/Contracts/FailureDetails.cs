namespace LambdaWorkflow.Contracts;

/// <summary>A failure as data, so it can cross the wire and replay: the error's type name, its message and where it came from.</summary>
/// <param name="ErrorType">The error's type, such as <c>PaymentDeclined</c> or a .NET exception type name.</param>
/// <param name="Message">A human-readable message.</param>
/// <param name="StackTrace">Optional stack trace or detail.</param>
public sealed record FailureDetails(string ErrorType, string Message, string? StackTrace = null)
{
    /// <summary>Most characters kept of a stack trace, to keep replies and history items small.</summary>
    public const int MaxStackTraceLength = 2048;

    /// <summary>Describes an exception: its type name, message and a trimmed stack trace.</summary>
    public static FailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var trace = exception.StackTrace;
        if (trace is { Length: > MaxStackTraceLength })
        {
            trace = trace[..MaxStackTraceLength];
        }

        return new FailureDetails(exception.GetType().Name, exception.Message, trace);
    }
}
