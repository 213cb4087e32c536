using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Amazon.Runtime;

namespace LambdaWorkflow.Aws.Diagnostics;

/// <summary>
/// Counts every request an AWS client sends, at the HTTP layer, by service and operation
/// (<c>sqs.SendMessageBatch</c>, <c>dynamodb.PutItem</c>, <c>events.PutEvents</c>): retries of the SDK and of the
/// adapters are separate requests on the wire, so each is counted, as AWS bills it. Also counts the entries of
/// <c>PutEvents</c> requests (EventBridge bills per entry), SQS requests by queue type (standard and FIFO are billed
/// at different rates) with their batch entries, and the error codes of failed requests. Thread-safe; share
/// one meter between clients and subtract two <see cref="Snapshot"/>s to cost a step.
/// </summary>
/// <remarks>
/// Plug it into an SDK client with <see cref="Attach"/> (it sets <see cref="ClientConfig.HttpClientFactory"/>) and into
/// <see cref="EventBridge.EventBridgePutEventsClient"/> with <see cref="CreateHandler"/> as its inner handler. The
/// service is the one the request is signed for (the SigV4 credential scope); the operation comes from the
/// <c>X-Amz-Target</c> header of the JSON protocols, or the <c>Action</c> query parameter of the query protocol.
/// </remarks>
public sealed class AwsRequestMeter
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _sqsRequests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _sqsEntries = new(StringComparer.Ordinal);
    private long _putEventsEntries;
    private long _putEventsFailedEntries;

    /// <summary>Requests of one operation so far, such as <c>Count("sqs", "SendMessageBatch")</c>; 0 when never sent.</summary>
    public long Count(string service, string operation)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentException.ThrowIfNullOrEmpty(operation);
        return _requests.TryGetValue(AwsRequestCounts.Key(service, operation), out var box) ? Interlocked.Read(ref box.Value) : 0;
    }

    /// <summary>Everything counted so far.</summary>
    public AwsRequestCounts Snapshot() => new(
        Read(_requests),
        Read(_errors),
        Interlocked.Read(ref _putEventsEntries),
        Interlocked.Read(ref _putEventsFailedEntries))
    {
        SqsRequestsByQueueType = Read(_sqsRequests),
        SqsEntriesByQueueType = Read(_sqsEntries),
    };

    /// <summary>
    /// A handler that counts what passes through it and sends it on to <paramref name="innerHandler"/>, for clients
    /// that take an <see cref="HttpMessageHandler"/>. Put it outermost, so it sees every attempt.
    /// </summary>
    /// <param name="innerHandler">Sends the requests; null creates a <see cref="SocketsHttpHandler"/>. Disposed with the returned handler.</param>
    public HttpMessageHandler CreateHandler(HttpMessageHandler? innerHandler = null) =>
        new AwsRequestMeteringHandler(this, innerHandler ?? new SocketsHttpHandler());

    /// <summary>
    /// An SDK <see cref="HttpClientFactory"/> whose clients send through this meter, each over a handler that
    /// <paramref name="innerHandlerFactory"/> creates (fault injection, recording), or a new <see cref="SocketsHttpHandler"/>.
    /// </summary>
    public HttpClientFactory CreateHttpClientFactory(Func<HttpMessageHandler>? innerHandlerFactory = null) =>
        new MeteredHttpClientFactory(this, innerHandlerFactory);

    /// <summary>Makes an SDK client built with <paramref name="config"/> send through this meter; call before creating the client.</summary>
    /// <returns>The same config, for chaining.</returns>
    public T Attach<T>(T config)
        where T : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        config.HttpClientFactory = CreateHttpClientFactory();
        return config;
    }

    /// <summary>Counts one request.</summary>
    internal void RecordRequest(string service, string operation) => Increment(_requests, AwsRequestCounts.Key(service, operation), 1);

    /// <summary>Counts one failed request by its error code.</summary>
    internal void RecordError(string service, string operation, string errorCode) =>
        Increment(_errors, AwsRequestCounts.Key(service, operation) + "." + errorCode, 1);

    /// <summary>Counts an SQS request by its queue's type, and the entries of a batch request.</summary>
    internal void RecordSqsRequest(string queueType, string operation, int entries)
    {
        var key = AwsRequestCounts.Key(queueType, operation);
        Increment(_sqsRequests, key, 1);
        if (entries > 0)
        {
            Increment(_sqsEntries, key, entries);
        }
    }

    /// <summary>Counts the entries of a <c>PutEvents</c> request.</summary>
    internal void RecordPutEventsEntries(int entries) => Interlocked.Add(ref _putEventsEntries, entries);

    /// <summary>Counts the entries a <c>PutEvents</c> response reported failed.</summary>
    internal void RecordPutEventsFailedEntries(int entries) => Interlocked.Add(ref _putEventsFailedEntries, entries);

    private static void Increment(ConcurrentDictionary<string, StrongBox<long>> counts, string key, long by) =>
        Interlocked.Add(ref counts.GetOrAdd(key, static _ => new StrongBox<long>()).Value, by);

    private static SortedDictionary<string, long> Read(ConcurrentDictionary<string, StrongBox<long>> counts) =>
        new(counts.ToDictionary(pair => pair.Key, pair => Interlocked.Read(ref pair.Value.Value), StringComparer.Ordinal), StringComparer.Ordinal);
}
