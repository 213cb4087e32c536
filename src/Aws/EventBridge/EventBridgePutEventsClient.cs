using System.Globalization;
using System.Net;
using System.Text.Json;

namespace LambdaWorkflow.Aws.EventBridge;

/// <summary>
/// A small <c>PutEvents</c> client on top of AWSSDK.Core, for want of AWSSDK.EventBridge: it writes the AWS JSON 1.1
/// request, signs it with Core's SigV4 signer, sends it with <see cref="HttpClient"/> and reads the response.
/// It makes one attempt per call; <see cref="EventBridgeCommandPublisher"/> batches and retries.
/// </summary>
public sealed class EventBridgePutEventsClient : IPutEventsClient, IDisposable
{
    private const string ContentType = "application/x-amz-json-1.1";
    private const string Target = "AWSEvents.PutEvents";

    private readonly HttpClient _http;
    private readonly SigV4RequestSigner _signer;
    private readonly TimeSpan _requestTimeout;

    /// <summary>Creates the client with its own connection pool.</summary>
    /// <param name="options">Region, endpoint, credentials and timeouts; validated here.</param>
    /// <exception cref="InvalidOperationException">No region is configured or discoverable.</exception>
    public EventBridgePutEventsClient(EventBridgeClientOptions options)
        : this(options, innerHandler: null)
    {
    }

    /// <summary>Creates the client over a given handler, such as one that records or alters requests in tests.</summary>
    /// <param name="options">Region, endpoint, credentials and timeouts; validated here.</param>
    /// <param name="innerHandler">
    /// Sends the signed requests; it sees them after signing and is not disposed by the client. Null creates a
    /// <see cref="SocketsHttpHandler"/> owned by the client.
    /// </param>
    /// <param name="timeProvider">The clock whose time is signed; default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="InvalidOperationException">No region is configured or discoverable.</exception>
    public EventBridgePutEventsClient(EventBridgeClientOptions options, HttpMessageHandler? innerHandler, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        (ServiceUrl, var region) = EventBridgeEndpoints.Resolve(options);
        SigningRegion = region.SystemName;
        _signer = new SigV4RequestSigner(options.Credentials, region, timeProvider ?? TimeProvider.System);
        _requestTimeout = options.RequestTimeout;
        _http = innerHandler is null
            ? new HttpClient(CreateHandler(options), disposeHandler: true)
            : new HttpClient(innerHandler, disposeHandler: false);
        _http.Timeout = options.RequestTimeout;
    }

    /// <summary>The URL requests are sent to.</summary>
    public Uri ServiceUrl { get; }

    /// <summary>The region requests are signed for.</summary>
    public string SigningRegion { get; }

    /// <inheritdoc />
    public async Task<PutEventsResult> PutEventsAsync(IReadOnlyList<PutEventsRequestEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var body = PutEventsJson.WriteRequest(entries);
        using var request = await CreateSignedRequestAsync(body, cancellationToken).ConfigureAwait(false);

        HttpStatusCode status;
        byte[] responseBody;
        string? requestId;
        string? errorType;
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = response.StatusCode;
            requestId = FirstHeader(response, "x-amzn-RequestId");
            errorType = FirstHeader(response, "x-amzn-ErrorType");
            responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TaskCanceledException ex)
        {
            // HttpClient reports its own timeout as a cancellation that the caller did not ask for.
            throw EventBridgeException.ForTransportError(
                EventBridgeException.PutEventsOperation,
                string.Create(CultureInfo.InvariantCulture, $"no response within {_requestTimeout.TotalSeconds:0.###} s"),
                ex);
        }
        catch (HttpRequestException ex)
        {
            throw EventBridgeException.ForTransportError(EventBridgeException.PutEventsOperation, $"request to {ServiceUrl} failed", ex);
        }
        catch (IOException ex)
        {
            throw EventBridgeException.ForTransportError(EventBridgeException.PutEventsOperation, "the connection broke", ex);
        }

        if (status != HttpStatusCode.OK)
        {
            var (code, message) = PutEventsJson.ReadError(responseBody, errorType);
            throw new EventBridgeException(EventBridgeException.PutEventsOperation, status, code, message, requestId);
        }

        return ReadResult(responseBody, entries.Count, requestId);
    }

    /// <summary>Disposes the HTTP client and, when the client created it, its handler.</summary>
    public void Dispose() => _http.Dispose();

    private static SocketsHttpHandler CreateHandler(EventBridgeClientOptions options) => new()
    {
        ConnectTimeout = options.ConnectTimeout,

        // Recycle pooled connections so that DNS changes of the endpoint are picked up.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
    };

    private static string? FirstHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static PutEventsResult ReadResult(byte[] body, int sent, string? requestId)
    {
        PutEventsResult result;
        try
        {
            result = PutEventsJson.ReadResult(body);
        }
        catch (JsonException ex)
        {
            throw new EventBridgeException(
                EventBridgeException.PutEventsOperation, HttpStatusCode.OK, errorCode: null,
                $"the response is not a PutEvents result ({ex.Message})", requestId, ex);
        }

        // Results are matched to entries by position, so a short or long list cannot be trusted at all.
        if (result.Entries.Count != sent)
        {
            throw new EventBridgeException(
                EventBridgeException.PutEventsOperation, HttpStatusCode.OK, errorCode: null,
                string.Create(CultureInfo.InvariantCulture, $"the response has {result.Entries.Count} entry results for {sent} entries sent"),
                requestId);
        }

        return result;
    }

    private async Task<HttpRequestMessage> CreateSignedRequestAsync(byte[] body, CancellationToken cancellationToken)
    {
        // These exact strings are signed and sent; nothing may rewrite them in between.
        KeyValuePair<string, string>[] headers =
        [
            new("Content-Type", ContentType),
            new("X-Amz-Target", Target),
        ];
        var signature = await _signer.SignAsync(HttpMethod.Post, ServiceUrl, headers, body, cancellationToken).ConfigureAwait(false);

        var content = new ByteArrayContent(body);
        var request = new HttpRequestMessage(HttpMethod.Post, ServiceUrl) { Content = content };
        try
        {
            content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            request.Headers.TryAddWithoutValidation("X-Amz-Target", Target);
            foreach (var (name, value) in signature)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            return request;
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }
}
