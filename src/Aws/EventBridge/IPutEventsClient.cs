namespace LambdaWorkflow.Aws.EventBridge;

/// <summary>
/// Sends one <c>PutEvents</c> request. The project's own HTTP client implements it today; an adapter over the official
/// <c>AWSSDK.EventBridge</c> client can replace it in one file, since nothing else sees how the request travels.
/// </summary>
public interface IPutEventsClient
{
    /// <summary>Puts the entries in one request and returns the per-entry results, in request order.</summary>
    /// <exception cref="EventBridgeException">
    /// The request failed as a whole: an AWS error response, a malformed response, or no response at all
    /// (<see cref="EventBridgeException.IsTransportError"/>).
    /// </exception>
    Task<PutEventsResult> PutEventsAsync(IReadOnlyList<PutEventsRequestEntry> entries, CancellationToken cancellationToken = default);
}
