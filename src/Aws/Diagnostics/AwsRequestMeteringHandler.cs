using System.Net.Http.Headers;
using System.Text.Json;

namespace LambdaWorkflow.Aws.Diagnostics;

/// <summary>
/// Counts each request on its way out, and on the way back the error code of a failed one and the failed entries of
/// a <c>PutEvents</c> answer. It reads only what identifies the request (headers), the body of <c>PutEvents</c> and
/// SQS requests (already in memory; for SQS the queue, whose type sets the price, and the batch size) and small answers; it changes nothing, so signatures stay valid.
/// </summary>
internal sealed class AwsRequestMeteringHandler : DelegatingHandler
{
    private const string PutEventsTarget = "AWSEvents.PutEvents";
    private const string Unknown = "unknown";
    private const string NetworkError = "NetworkError";

    // Error answers and PutEvents results are a few hundred bytes; anything larger is left unread.
    private const long MaxInspectedResponseBytes = 64 * 1024;

    private readonly AwsRequestMeter _meter;

    public AwsRequestMeteringHandler(AwsRequestMeter meter, HttpMessageHandler innerHandler)
        : base(innerHandler) => _meter = meter;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = FirstValue(request.Headers, "X-Amz-Target");
        var (service, operation) = Identify(request, target);
        _meter.RecordRequest(service, operation);
        var putEvents = string.Equals(target, PutEventsTarget, StringComparison.Ordinal);
        if (putEvents && request.Content is not null)
        {
            // The PutEvents client sends a byte array: reading it again costs a copy, not a second read of a stream.
            var body = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            _meter.RecordPutEventsEntries(CountEntries(body));
        }
        else if (string.Equals(service, "sqs", StringComparison.Ordinal) && request.Content is not null)
        {
            // Buffering keeps the body sendable afterwards; the SDK's JSON requests are small byte arrays anyway.
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var body = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var (queueType, entries) = SqsRequestInspector.Inspect(body);
            _meter.RecordSqsRequest(queueType, operation, entries);
        }

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // No answer at all (refused, reset, DNS): still a request made, and one the caller will likely retry.
            _meter.RecordError(service, operation, NetworkError);
            throw;
        }

        if (!response.IsSuccessStatusCode)
        {
            _meter.RecordError(service, operation, await ErrorCodeAsync(response, cancellationToken).ConfigureAwait(false));
        }
        else if (putEvents && IsSmall(response))
        {
            var body = await BufferAsync(response, cancellationToken).ConfigureAwait(false);
            _meter.RecordPutEventsFailedEntries(ReadFailedEntryCount(body));
        }

        return response;
    }

    /// <summary>The service from the SigV4 credential scope, the operation from the target header or the query.</summary>
    internal static (string Service, string Operation) Identify(HttpRequestMessage request, string? target)
    {
        var dot = target?.LastIndexOf('.') ?? -1;
        var operation = dot >= 0 ? target![(dot + 1)..] : ActionOf(request.RequestUri) ?? Unknown;
        var service = ServiceOf(FirstValue(request.Headers, "Authorization"))
            ?? (dot > 0 ? ServiceOfTarget(target![..dot]) : null)
            ?? Unknown;
        return (service, operation.Length == 0 ? Unknown : operation);
    }

    // "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/sqs/aws4_request, SignedHeaders=..., Signature=..."
    private static string? ServiceOf(string? authorization)
    {
        // Read raw: the SDK adds the header without validation, and the typed property may not parse it.
        var parameter = authorization;
        if (parameter is null)
        {
            return null;
        }

        const string Credential = "Credential=";
        var start = parameter.IndexOf(Credential, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += Credential.Length;
        var end = parameter.IndexOf(',', start);
        var scope = (end < 0 ? parameter[start..] : parameter[start..end]).Split('/');
        return scope.Length == 5 && scope[3].Length > 0 ? scope[3] : null;
    }

    // Unsigned requests name their service only in the target prefix; map the usual ones to their signing names.
    private static string ServiceOfTarget(string prefix) => prefix switch
    {
        "AmazonSQS" => "sqs",
        "DynamoDB_20120810" => "dynamodb",
        "AWSEvents" => "events",
        _ => prefix.ToLowerInvariant(),
    };

    private static string? ActionOf(Uri? uri)
    {
        var query = uri?.Query;
        if (string.IsNullOrEmpty(query))
        {
            return null;
        }

        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("Action=", StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair["Action=".Length..]);
            }
        }

        return null;
    }

    private static string? FirstValue(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static bool IsSmall(HttpResponseMessage response) =>
        response.Content.Headers.ContentLength is { } length && length <= MaxInspectedResponseBytes;

    private static async Task<byte[]> BufferAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Buffering keeps the content readable for the SDK afterwards: it then reads the buffer, not the socket.
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The AWS error code: the <c>x-amzn-ErrorType</c> header, else the body's <c>__type</c>, else the status.</summary>
    private static async Task<string> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = FirstValue(response.Headers, "x-amzn-ErrorType");
        if (code is null && IsSmall(response))
        {
            code = ReadErrorType(await BufferAsync(response, cancellationToken).ConfigureAwait(false));
        }

        // "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", "ThrottlingException:http://...".
        code ??= "Http" + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var hash = code.LastIndexOf('#');
        code = hash >= 0 ? code[(hash + 1)..] : code;
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? code[..colon] : code;
    }

    private static int CountEntries(byte[] body) =>
        ReadTopLevel(body, "Entries", element => element.ValueKind == JsonValueKind.Array ? element.GetArrayLength() : 0);

    private static int ReadFailedEntryCount(byte[] body) =>
        ReadTopLevel(body, "FailedEntryCount", element => element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var n) ? n : 0);

    private static string? ReadErrorType(byte[] body) =>
        ReadTopLevel<string?>(body, "__type", element => element.ValueKind == JsonValueKind.String ? element.GetString() : null);

    private static T ReadTopLevel<T>(byte[] body, string name, Func<JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
                ? read(value)
                : default!;
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML error page, say): count the request, learn nothing more from it.
            return default!;
        }
    }
}
