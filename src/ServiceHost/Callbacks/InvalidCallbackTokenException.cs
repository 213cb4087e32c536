namespace LambdaWorkflow.ServiceHost.Callbacks;

/// <summary>A callback token that is malformed, was not signed with a configured key, or was altered.</summary>
public sealed class InvalidCallbackTokenException : Exception
{
    /// <summary>Creates the error.</summary>
    public InvalidCallbackTokenException()
        : base("The callback token is invalid.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public InvalidCallbackTokenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public InvalidCallbackTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
