namespace LambdaWorkflow.Aws.Lambda;

/// <summary>
/// The invocation payload is not an SQS event Lambda's event source mapping would send: not JSON, no
/// <c>Records</c>, or a record without a message id. The whole invocation fails, so Lambda retries the batch.
/// </summary>
public sealed class SqsEventFormatException : Exception
{
    /// <summary>Creates the error.</summary>
    public SqsEventFormatException()
        : this("The invocation payload is not an SQS event.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public SqsEventFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and the parser's error.</summary>
    public SqsEventFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
