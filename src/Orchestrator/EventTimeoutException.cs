namespace LambdaWorkflow.Orchestrator;

/// <summary>No event of the awaited name arrived within the timeout of <c>WaitForEventAsync</c>.</summary>
public sealed class EventTimeoutException : TimeoutException
{
    /// <summary>Creates the error for an event name.</summary>
    public EventTimeoutException(string eventName, TimeSpan timeout)
        : base($"No '{eventName}' event arrived within {timeout}.")
    {
        EventName = eventName;
        Timeout = timeout;
    }

    /// <summary>Creates the error.</summary>
    public EventTimeoutException()
    {
        EventName = "?";
    }

    /// <summary>Creates the error with a message.</summary>
    public EventTimeoutException(string message)
        : base(message)
    {
        EventName = "?";
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public EventTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
        EventName = "?";
    }

    /// <summary>The awaited event's name.</summary>
    public string EventName { get; }

    /// <summary>The timeout.</summary>
    public TimeSpan Timeout { get; }
}
