namespace LambdaWorkflow.ServiceHost;

/// <summary>
/// A typed error of a service, such as <c>PaymentDeclined</c>: the caller's workflow receives <see cref="ErrorType"/>
/// and the message. Permanent unless created with <c>isTransient: true</c>, in which case it is retried first.
/// </summary>
public class ServiceException : Exception
{
    /// <summary>The error type used when none is given.</summary>
    public const string DefaultErrorType = "ServiceError";

    /// <summary>Creates a typed service error.</summary>
    /// <param name="errorType">The error's type as the workflow sees it, such as <c>PaymentDeclined</c>.</param>
    /// <param name="message">A human-readable message.</param>
    /// <param name="isTransient">True to retry the handler before replying with this error.</param>
    /// <param name="innerException">The underlying error, if any; it is not sent to the caller.</param>
    public ServiceException(string errorType, string message, bool isTransient = false, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorType);
        ErrorType = errorType;
        IsTransient = isTransient;
    }

    /// <summary>Creates a permanent error of type <see cref="DefaultErrorType"/>.</summary>
    public ServiceException()
        : this(DefaultErrorType, "The service failed.")
    {
    }

    /// <summary>Creates a permanent error of type <see cref="DefaultErrorType"/>.</summary>
    public ServiceException(string message)
        : this(DefaultErrorType, message)
    {
    }

    /// <summary>Creates a permanent error of type <see cref="DefaultErrorType"/>.</summary>
    public ServiceException(string message, Exception innerException)
        : this(DefaultErrorType, message, isTransient: false, innerException)
    {
    }

    /// <summary>The error's type as the workflow sees it.</summary>
    public string ErrorType { get; }

    /// <summary>True when the handler is retried before the error is replied.</summary>
    public bool IsTransient { get; }
}
