using Amazon.Runtime;

namespace LambdaWorkflow.Aws.Sqs;

/// <summary>
/// An SQS call failed after its retries: names the operation, the queue and, for a batch entry or a message
/// rejected before sending, the message.
/// </summary>
public sealed class SqsException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="operation">The SQS operation, one of <see cref="SqsOperations"/>.</param>
    /// <param name="queueUrl">The queue called.</param>
    /// <param name="problem">What went wrong, without the operation and queue (they are added).</param>
    /// <param name="errorCode">SQS's error code, if SQS answered.</param>
    /// <param name="isTransient">True when calling again may succeed (throttling, a 5xx, a network error).</param>
    /// <param name="failedMessage">The message concerned, described for humans; null when the call as a whole failed.</param>
    /// <param name="innerException">The SDK or network error.</param>
    public SqsException(
        string operation,
        string queueUrl,
        string problem,
        string? errorCode = null,
        bool isTransient = false,
        string? failedMessage = null,
        Exception? innerException = null)
        : base($"SQS {operation} to '{queueUrl}' failed{(failedMessage is null ? string.Empty : " for " + failedMessage)}: {problem}", innerException)
    {
        Operation = operation;
        QueueUrl = queueUrl;
        Problem = problem;
        ErrorCode = errorCode;
        IsTransient = isTransient;
        FailedMessage = failedMessage;
    }

    /// <summary>Creates the error with a message only.</summary>
    public SqsException()
        : this("unknown", "unknown", "unknown error")
    {
    }

    /// <summary>Creates the error with a message only.</summary>
    public SqsException(string message)
        : this("unknown", "unknown", message)
    {
    }

    /// <summary>Creates the error with a message and inner exception.</summary>
    public SqsException(string message, Exception innerException)
        : this("unknown", "unknown", message, innerException: innerException)
    {
    }

    /// <summary>The SQS operation, one of <see cref="SqsOperations"/>.</summary>
    public string Operation { get; }

    /// <summary>The queue URL called.</summary>
    public string QueueUrl { get; }

    /// <summary>What went wrong, without the operation, queue and message.</summary>
    public string Problem { get; }

    /// <summary>SQS's error code (such as <c>AWS.SimpleQueueService.NonExistentQueue</c>); null for network errors.</summary>
    public string? ErrorCode { get; }

    /// <summary>True when calling again may succeed; the retries were exhausted.</summary>
    public bool IsTransient { get; }

    /// <summary>The message concerned, described for humans; null when the call as a whole failed.</summary>
    public string? FailedMessage { get; }

    /// <summary>The same error, naming the message it concerns.</summary>
    internal SqsException ForMessage(string failedMessage) =>
        new(Operation, QueueUrl, Problem, ErrorCode, IsTransient, failedMessage, InnerException);

    /// <summary>Wraps an SDK error.</summary>
    internal static SqsException FromService(string operation, string queueUrl, AmazonServiceException exception) =>
        new(
            operation,
            queueUrl,
            $"{exception.ErrorCode ?? exception.GetType().Name} (HTTP {(int)exception.StatusCode}): {exception.Message}",
            exception.ErrorCode,
            SqsTransientErrors.IsTransient(exception),
            innerException: exception);
}
