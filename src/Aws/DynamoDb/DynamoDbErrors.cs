using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>Sorts DynamoDB failures into those worth retrying and those that are not.</summary>
internal static class DynamoDbErrors
{
    // Throttling codes DynamoDB may send without the SDK mapping them to a typed exception.
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "Throttling",
        "RequestLimitExceeded",
        "RequestLimitExceededException",
    };

    /// <summary>
    /// True for throttling, server errors (5xx), network failures and timeouts, and unprocessed batch items:
    /// the same request may succeed later. A cancellation the caller asked for is never transient.
    /// </summary>
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        UnprocessedItemsException => true,
        ProvisionedThroughputExceededException or ThrottlingException or RequestLimitExceededException
            or InternalServerErrorException => true,
        AmazonServiceException service when service.StatusCode >= HttpStatusCode.InternalServerError => true,
        AmazonServiceException service when service.ErrorCode is { } code && ThrottlingCodes.Contains(code) => true,
        _ => IsNetworkFailure(exception),
    };

    /// <summary>True when DynamoDB rejected an item for exceeding 400 KB.</summary>
    public static bool IsItemTooLarge(Exception exception) =>
        exception is AmazonDynamoDBException { ErrorCode: "ValidationException", Message: { } message }
        && message.Contains("item size", StringComparison.OrdinalIgnoreCase)
        && message.Contains("exceeded", StringComparison.OrdinalIgnoreCase);

    // The SDK lets some connection failures through as they are, and wraps others.
    private static bool IsNetworkFailure(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException or IOException or SocketException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
