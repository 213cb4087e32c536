using System.Globalization;
using System.Net;
using System.Text;

namespace LambdaWorkflow.Aws.EventBridge;

/// <summary>
/// An EventBridge call failed: the message names the operation, the HTTP status, the AWS error code and message.
/// Network failures and timeouts are wrapped too, with <see cref="IsTransportError"/> set and the cause inside.
/// </summary>
public class EventBridgeException : Exception
{
    /// <summary>The name of the <c>PutEvents</c> operation.</summary>
    public const string PutEventsOperation = "PutEvents";

    /// <summary>Creates the error for an AWS error response.</summary>
    /// <param name="operation">The operation, such as <see cref="PutEventsOperation"/>.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="errorCode">The AWS error code, such as <c>ThrottlingException</c>, if the response named one.</param>
    /// <param name="errorMessage">The AWS error message, if any.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> of the response, if any.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public EventBridgeException(
        string operation,
        HttpStatusCode? statusCode,
        string? errorCode,
        string? errorMessage,
        string? requestId = null,
        Exception? innerException = null)
        : this(operation, Describe(operation, statusCode, errorCode, errorMessage, requestId), statusCode, errorCode, errorMessage,
            requestId, isTransportError: false, innerException)
    {
    }

    /// <summary>Creates a <c>PutEvents</c> error with a message only.</summary>
    public EventBridgeException()
        : this("EventBridge PutEvents failed.")
    {
    }

    /// <summary>Creates a <c>PutEvents</c> error with a message only.</summary>
    public EventBridgeException(string message)
        : base(message)
    {
        Operation = PutEventsOperation;
    }

    /// <summary>Creates a <c>PutEvents</c> error with a message and its cause.</summary>
    public EventBridgeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = PutEventsOperation;
    }

    /// <summary>Creates the error with every detail given, for derived errors and factories.</summary>
    protected EventBridgeException(
        string operation,
        string message,
        HttpStatusCode? statusCode,
        string? errorCode,
        string? errorMessage,
        string? requestId,
        bool isTransportError,
        Exception? innerException)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        Operation = operation;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        RequestId = requestId;
        IsTransportError = isTransportError;
    }

    /// <summary>The operation that failed, such as <c>PutEvents</c>.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status of the error response; null when no response arrived or none applies.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The AWS error code, such as <c>ThrottlingException</c>; null when there is none.</summary>
    public string? ErrorCode { get; }

    /// <summary>The AWS error message; null when there is none.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The request id AWS gave the failed request, for support cases; null when unknown.</summary>
    public string? RequestId { get; }

    /// <summary>True when no HTTP response arrived: the connection failed, broke or timed out.</summary>
    public bool IsTransportError { get; }

    /// <summary>Wraps a failure that happened before any response arrived (DNS, connect, TLS, reset, timeout).</summary>
    /// <param name="operation">The operation, such as <see cref="PutEventsOperation"/>.</param>
    /// <param name="problem">What happened, in a few words.</param>
    /// <param name="innerException">The transport's exception.</param>
    public static EventBridgeException ForTransportError(string operation, string problem, Exception innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
        return new EventBridgeException(
            operation,
            $"EventBridge {operation} failed before a response arrived: {problem}: {innerException.Message}",
            statusCode: null, errorCode: null, errorMessage: innerException.Message, requestId: null,
            isTransportError: true, innerException);
    }

    private static string Describe(string operation, HttpStatusCode? statusCode, string? errorCode, string? errorMessage, string? requestId)
    {
        var text = new StringBuilder($"EventBridge {operation} failed");
        if (statusCode is { } status)
        {
            text.Append(CultureInfo.InvariantCulture, $": HTTP {(int)status}");
        }

        if (errorCode is not null)
        {
            text.Append(' ').Append(errorCode);
        }

        if (!string.IsNullOrEmpty(errorMessage))
        {
            text.Append(": ").Append(errorMessage);
        }

        if (requestId is not null)
        {
            text.Append(" (request id ").Append(requestId).Append(')');
        }

        return text.Append('.').ToString();
    }
}
