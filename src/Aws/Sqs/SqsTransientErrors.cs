using System.Collections.Frozen;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;

namespace LambdaWorkflow.Aws.Sqs;

/// <summary>Decides which SQS failures are worth another attempt.</summary>
internal static class SqsTransientErrors
{
    // Codes SQS (and the KMS key behind an encrypted queue) answer when the request itself was fine.
    private static readonly FrozenSet<string> TransientCodes = new[]
    {
        "ThrottlingException", "Throttling", "RequestThrottled", "KmsThrottled", "KMS.ThrottlingException",
        "ServiceUnavailable", "InternalError", "InternalFailure", "RequestTimeout", "RequestTimeoutException",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True for throttling, 5xx answers and network failures; false for errors of the request itself.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SqsException sqs => sqs.IsTransient,
        AmazonServiceException service => IsTransient(service),
        HttpRequestException or IOException or SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>True when an entry SQS failed in a batch may succeed if sent again.</summary>
    public static bool IsTransientEntry(bool? senderFault, string? code) =>
        senderFault != true || (code is not null && TransientCodes.Contains(code));

    private static bool IsTransient(AmazonServiceException exception)
    {
        var status = (int)exception.StatusCode;
        return exception.Retryable is not null
            || status >= 500
            || exception.StatusCode == HttpStatusCode.TooManyRequests
            || (exception.ErrorCode is { } code && TransientCodes.Contains(code))
            || exception.InnerException is HttpRequestException or IOException or SocketException or TimeoutException;
    }
}
