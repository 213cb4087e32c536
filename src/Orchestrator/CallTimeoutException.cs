namespace LambdaWorkflow.Orchestrator;

/// <summary>A call's attempt took longer than its <see cref="CallOptions.Timeout"/>; thrown at its <c>await</c>.</summary>
public sealed class CallTimeoutException : TimeoutException
{
    /// <summary>Creates the error for a call.</summary>
    public CallTimeoutException(string operation, int attempt, TimeSpan timeout)
        : base($"Attempt {attempt} of the call to {operation} took longer than {timeout}.")
    {
        Operation = operation;
        Attempt = attempt;
        Timeout = timeout;
    }

    /// <summary>Creates the error.</summary>
    public CallTimeoutException()
    {
        Operation = "?";
    }

    /// <summary>Creates the error with a message.</summary>
    public CallTimeoutException(string message)
        : base(message)
    {
        Operation = "?";
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public CallTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = "?";
    }

    /// <summary><c>service.operation</c>.</summary>
    public string Operation { get; }

    /// <summary>The attempt that timed out.</summary>
    public int Attempt { get; }

    /// <summary>The timeout.</summary>
    public TimeSpan Timeout { get; }
}
