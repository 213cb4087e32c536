using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;

namespace LambdaWorkflow.Aws.EventBridge;

/// <summary>
/// The one place EventBridge requests are signed: AWSSDK.Core's public SigV4 signer
/// (<see cref="AWSSigV4Signer.SignAsync"/>) over exactly the method, URI, headers and body that are then sent.
/// </summary>
/// <remarks>
/// The signer returns <c>Authorization</c>, <c>X-Amz-Date</c>, <c>X-Amz-Content-SHA256</c> and, for session
/// credentials, <c>X-Amz-Security-Token</c>; the caller adds them unchanged and must not alter the URI or any signed
/// header afterwards. The host is signed from the URI, as the HTTP client sends it.
/// </remarks>
internal sealed class SigV4RequestSigner
{
    private readonly RegionEndpoint _region;
    private readonly TimeProvider _timeProvider;
    private AWSCredentials? _credentials;

    /// <param name="credentials">The credentials; null resolves the SDK's default chain at the first signature.</param>
    /// <param name="region">The signing region.</param>
    /// <param name="timeProvider">The clock whose time is signed.</param>
    public SigV4RequestSigner(AWSCredentials? credentials, RegionEndpoint region, TimeProvider timeProvider)
    {
        _credentials = credentials;
        _region = region;
        _timeProvider = timeProvider;
    }

    /// <summary>Signs the request and returns the headers to add to it.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">The full URI, sent unchanged.</param>
    /// <param name="headers">Every header to sign, with the exact values that are sent (the host excepted).</param>
    /// <param name="body">The body, sent unchanged.</param>
    /// <param name="cancellationToken">Cancels credential resolution and signing.</param>
    /// <exception cref="EventBridgeException">No credentials could be resolved.</exception>
    public async Task<IDictionary<string, string>> SignAsync(
        HttpMethod method, Uri uri, IEnumerable<KeyValuePair<string, string>> headers, byte[] body, CancellationToken cancellationToken)
    {
        var request = new AWSSigningRequest { HttpMethod = method, RequestUri = uri, Content = body };
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }

        var parameters = new AWSSigV4Parameters
        {
            Credentials = await GetCredentialsAsync().ConfigureAwait(false),
            Region = _region,
            Service = EventBridgeEndpoints.SigningName,
            SignPayload = true,

            // Our clock, not the SDK's: SDK clients correct their skew per endpoint, and this client feeds no such correction.
            SignedAt = _timeProvider.GetUtcNow().UtcDateTime,
        };

        try
        {
            var result = await AWSSigV4Signer.SignAsync(request, parameters, cancellationToken).ConfigureAwait(false);
            return result.Headers;
        }
        catch (AmazonClientException ex)
        {
            // Refreshing expiring credentials (a role, SSO) happens here and can fail like resolving them.
            throw new EventBridgeException(
                $"EventBridge {EventBridgeException.PutEventsOperation} could not be signed: {ex.Message}", ex);
        }
    }

    private async Task<AWSCredentials> GetCredentialsAsync()
    {
        if (_credentials is { } credentials)
        {
            return credentials;
        }

        try
        {
            // The resolved object refreshes itself (role credentials expire); resolve the chain only once.
            credentials = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null).ConfigureAwait(false);
        }
        catch (AmazonClientException ex)
        {
            throw new EventBridgeException(
                $"EventBridge {EventBridgeException.PutEventsOperation} could not be signed: no AWS credentials were found ({ex.Message}).", ex);
        }

        _credentials = credentials;
        return credentials;
    }
}
