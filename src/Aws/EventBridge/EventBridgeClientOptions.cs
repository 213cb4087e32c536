using Amazon.Runtime;
using LambdaWorkflow.Contracts.Messages;

namespace LambdaWorkflow.Aws.EventBridge;

/// <summary>
/// Settings of <see cref="EventBridgePutEventsClient"/> (where and how requests go) and of
/// <see cref="EventBridgeCommandPublisher"/> (what the entries say, how they are batched and retried).
/// </summary>
public sealed class EventBridgeClientOptions
{
    /// <summary>EventBridge's limit of entries in one <c>PutEvents</c> request.</summary>
    public const int MaxEntriesPerRequestLimit = 10;

    /// <summary>EventBridge's limit of the summed entry sizes of one request (256 KB), see <see cref="PutEventsRequestEntry.CalculateSize"/>.</summary>
    public const int MaxRequestBytesLimit = 256 * 1024;

    /// <summary>The bus name used when none is given.</summary>
    public const string DefaultEventBusName = "default";

    /// <summary>
    /// The AWS region's system name, such as <c>us-east-1</c>; it picks the endpoint and is the signing region.
    /// Default null: <c>us-east-1</c> when <see cref="ServiceUrl"/> is set, else the SDK's fallback chain
    /// (<c>AWS_REGION</c>, the profile, instance metadata).
    /// </summary>
    public string? Region { get; set; }

    /// <summary>
    /// Sends requests here instead of <c>https://events.{region}.{partition DNS suffix}/</c>, for local endpoints and
    /// emulators; requests are still signed for <see cref="Region"/>. Default null.
    /// </summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>The bus that commands are put on: its name or ARN. Default <c>default</c>.</summary>
    public string EventBusName { get; set; } = DefaultEventBusName;

    /// <summary>The <c>source</c> of every command event, matched by the service rules. Default <c>lambda-workflow</c>.</summary>
    public string Source { get; set; } = CallRequestedEvent.DefaultSource;

    /// <summary>The credentials to sign with. Default null: the SDK's default credential chain, resolved at the first request.</summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>How long to wait for a TCP/TLS connection when the client creates its own handler. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one HTTP attempt may take before it fails as a (retryable) timeout. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most entries the publisher puts in one request, 1 to 10. Default 10.</summary>
    public int MaxEntriesPerRequest { get; set; } = MaxEntriesPerRequestLimit;

    /// <summary>The largest summed entry size of one request the publisher builds, in bytes. Default 262,144 (256 KB).</summary>
    public int MaxRequestBytes { get; set; } = MaxRequestBytesLimit;

    /// <summary>How failed requests and entries are retried.</summary>
    public EventBridgeRetryOptions Retry { get; set; } = new();

    /// <summary>Throws when a setting is missing or out of range.</summary>
    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(EventBusName, nameof(EventBusName));
        ArgumentException.ThrowIfNullOrWhiteSpace(Source, nameof(Source));
        if (Region is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(Region, nameof(Region));
        }

        if (ServiceUrl is not null && !ServiceUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("ServiceUrl must be an absolute URI.", nameof(ServiceUrl));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero, nameof(RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEntriesPerRequest, 1, nameof(MaxEntriesPerRequest));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxEntriesPerRequest, MaxEntriesPerRequestLimit, nameof(MaxEntriesPerRequest));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestBytes, 1, nameof(MaxRequestBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRequestBytes, MaxRequestBytesLimit, nameof(MaxRequestBytes));
        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        Retry.Validate();
    }
}
