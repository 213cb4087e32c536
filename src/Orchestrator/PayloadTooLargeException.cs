namespace LambdaWorkflow.Orchestrator;

/// <summary>A call's request (or a workflow's result) is larger than the transport and store allow; thrown at the call site.</summary>
public sealed class PayloadTooLargeException : WorkflowException
{
    /// <summary>Creates the error naming what was too large.</summary>
    public PayloadTooLargeException(string what, int size, int limit)
        : base($"{what} is {size:N0} bytes; the limit is {limit:N0} bytes (EventBridge entries are at most 256 KB and DynamoDB items 400 KB). Pass a reference to the data instead.")
    {
        Size = size;
        Limit = limit;
    }

    /// <summary>Creates the error.</summary>
    public PayloadTooLargeException()
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public PayloadTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public PayloadTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The payload's size in bytes.</summary>
    public int Size { get; }

    /// <summary>The limit in bytes.</summary>
    public int Limit { get; }
}
