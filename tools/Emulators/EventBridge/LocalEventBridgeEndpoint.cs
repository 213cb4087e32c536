using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace LambdaWorkflow.Emulators;

/// <summary>
/// A local EventBridge <c>PutEvents</c> endpoint on 127.0.0.1 for tests. Like the service, it checks the request's
/// shape (POST /, <c>X-Amz-Target: AWSEvents.PutEvents</c>, AWS JSON 1.1, 1 to 10 entries, 256 KB), verifies the
/// SigV4 signature with its own implementation, answers with AWS's error codes, and accepts entries one by one.
/// It can be told to fail requests or entries, logs every request, and hands accepted entries to a delivery callback.
/// </summary>
public sealed class LocalEventBridgeEndpoint : IAsyncDisposable
{
    private const string JsonContentType = "application/x-amz-json-1.1";
    private const string PutEventsTarget = "AWSEvents.PutEvents";

    private readonly HttpListener _listener;
    private readonly LocalEventBridgeOptions _options;
    private readonly SigV4Verifier _verifier;
    private readonly EndpointFaults _faults = new();
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<PutEventsEntry> _accepted = [];
    private readonly Task _loop;

    private LocalEventBridgeEndpoint(HttpListener listener, int port, LocalEventBridgeOptions options)
    {
        _listener = listener;
        _options = options;
        _verifier = new SigV4Verifier(options.Region, "events", options.TimeProvider, options.MaxClockSkew, options.RequiredSignedHeaders);
        ServiceUrl = new Uri($"http://127.0.0.1:{port}/");
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The URL to send requests to, for <c>EventBridgeClientOptions.ServiceUrl</c>.</summary>
    public Uri ServiceUrl { get; }

    /// <summary>The region requests must be signed for.</summary>
    public string Region => _options.Region;

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Every entry accepted so far, with its event id, in arrival order.</summary>
    public IReadOnlyList<PutEventsEntry> AcceptedEntries
    {
        get
        {
            lock (_gate)
            {
                return [.. _accepted];
            }
        }
    }

    /// <summary>Starts an endpoint on a free port of 127.0.0.1.</summary>
    public static LocalEventBridgeEndpoint Start(LocalEventBridgeOptions? options = null)
    {
        options ??= new LocalEventBridgeOptions();

        // Another process may take the port between probing and binding: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new LocalEventBridgeEndpoint(listener, port, options);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    /// <summary>Makes a key pair valid; with a session token, requests must carry it.</summary>
    public void AddCredentials(string accessKey, string secretKey, string? sessionToken = null) =>
        _verifier.AddCredential(accessKey, secretKey, sessionToken);

    /// <summary>Fails the next <paramref name="count"/> correctly signed requests as a whole.</summary>
    public void FailNextRequests(int count, int statusCode, string errorCode, string message) =>
        _faults.AddRequestFaults(count, statusCode, errorCode, message);

    /// <summary>Throttles the next <paramref name="count"/> requests: 400 ThrottlingException, as AWS.</summary>
    public void ThrottleNextRequests(int count) => FailNextRequests(count, 400, "ThrottlingException", "Rate exceeded");

    /// <summary>Fails the next <paramref name="times"/> entries that match with the given per-entry error code.</summary>
    public void FailEntries(Func<PutEventsEntry, bool> match, string errorCode, string errorMessage = "Injected failure", int times = 1) =>
        _faults.AddEntryFault(match, errorCode, errorMessage, times);

    /// <summary>Fails the next <paramref name="times"/> entries of this call id.</summary>
    public void FailCall(string callId, string errorCode, string errorMessage = "Injected failure", int times = 1) =>
        FailEntries(e => string.Equals(e.CallId, callId, StringComparison.Ordinal), errorCode, errorMessage, times);

    /// <summary>Stops listening and waits for the request loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task RunAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // Stopped.
            }

            // One request at a time: the request log's order is the arrival order, and tests see no interleaving.
            try
            {
                await HandleAsync(context).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client went away; nothing to answer.
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = await ReadAsync(context.Request).ConfigureAwait(false);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<PutEventsEntry> entries = [];

        async Task FailAsync(int status, string code, string message)
        {
            Record(headers, entries, status, code, message, []);
            await RespondErrorAsync(context.Response, status, code, message).ConfigureAwait(false);
        }

        if (request.Method != "POST" || request.Path != "/")
        {
            await FailAsync(404, "UnknownOperationException", $"{request.Method} {request.Path} is not an EventBridge operation.").ConfigureAwait(false);
            return;
        }

        var verdict = _verifier.Verify(request);
        if (!verdict.IsValid)
        {
            await FailAsync(verdict.StatusCode, verdict.ErrorCode!, verdict.Message!).ConfigureAwait(false);
            return;
        }

        if (request.Header("X-Amz-Target") != PutEventsTarget)
        {
            await FailAsync(400, "UnknownOperationException", $"X-Amz-Target '{request.Header("X-Amz-Target")}' is not {PutEventsTarget}.").ConfigureAwait(false);
            return;
        }

        if (request.Header("Content-Type") != JsonContentType)
        {
            await FailAsync(400, "SerializationException", $"Content-Type must be {JsonContentType}, was '{request.Header("Content-Type")}'.").ConfigureAwait(false);
            return;
        }

        try
        {
            entries = PutEventsRequestReader.Read(request.Body);
        }
        catch (FormatException ex)
        {
            await FailAsync(400, "SerializationException", ex.Message).ConfigureAwait(false);
            return;
        }

        if (entries.Count < 1 || entries.Count > _options.MaxEntriesPerRequest)
        {
            await FailAsync(400, "ValidationException",
                $"1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length "
                + $"between 1 and {_options.MaxEntriesPerRequest}, was {entries.Count}.").ConfigureAwait(false);
            return;
        }

        if (entries.Sum(e => e.Size) > _options.MaxRequestBytes)
        {
            await FailAsync(400, "ValidationException", "Total size of the entries in the request is over the limit.").ConfigureAwait(false);
            return;
        }

        if (_faults.TakeRequestFault() is { } fault)
        {
            await FailAsync(fault.StatusCode, fault.ErrorCode, fault.Message).ConfigureAwait(false);
            return;
        }

        var results = new List<(string? EventId, string? Code, string? Message)>(entries.Count);
        foreach (var entry in entries)
        {
            results.Add(await AcceptAsync(entry).ConfigureAwait(false));
        }

        Record(headers, entries, 200, null, null, [.. results.Select(r => r.Code)]);
        await RespondResultAsync(context.Response, results).ConfigureAwait(false);
    }

    private async Task<(string? EventId, string? Code, string? Message)> AcceptAsync(PutEventsEntry entry)
    {
        if (string.IsNullOrEmpty(entry.Source) || string.IsNullOrEmpty(entry.DetailType) || string.IsNullOrEmpty(entry.Detail))
        {
            return (null, "InvalidArgument", "Parameters Source, DetailType and Detail are required.");
        }

        if (!IsJsonObject(entry.Detail))
        {
            return (null, "MalformedDetail", "Detail is malformed.");
        }

        if (_faults.TakeEntryFault(entry) is { } fault)
        {
            return (null, fault.ErrorCode, fault.Message);
        }

        var accepted = entry with { EventId = Guid.NewGuid().ToString() };
        if (_options.Delivery is { } deliver)
        {
            try
            {
                await deliver(accepted).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Whatever the delivery throws, EventBridge would report an internal failure of the entry.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return (null, "InternalFailure", $"Delivery failed: {ex.Message}");
            }
        }

        lock (_gate)
        {
            _accepted.Add(accepted);
        }

        return (accepted.EventId, null, null);
    }

    private void Record(
        Dictionary<string, string> headers, IReadOnlyList<PutEventsEntry> entries, int status, string? code, string? message,
        IReadOnlyList<string?> entryCodes)
    {
        lock (_gate)
        {
            _requests.Add(new RecordedRequest(_requests.Count + 1, headers, entries, status, code, message, entryCodes));
        }
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static async Task<SignedRequest> ReadAsync(HttpListenerRequest request)
    {
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body).ConfigureAwait(false);

        // The raw target, exactly as sent: the signature covers the encoded path and query.
        var target = request.RawUrl ?? "/";
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var name in request.Headers.AllKeys)
        {
            if (name is not null && request.Headers.Get(name) is { } value)
            {
                headers.Add(new(name, value));
            }
        }

        return new SignedRequest(
            request.HttpMethod,
            question < 0 ? target : target[..question],
            question < 0 ? string.Empty : target[(question + 1)..],
            headers,
            body.ToArray());
    }

    private static Task RespondErrorAsync(HttpListenerResponse response, int status, string code, string message)
    {
        response.Headers["x-amzn-ErrorType"] = code;
        return RespondAsync(response, status, writer =>
        {
            writer.WriteString("__type", code);
            writer.WriteString("message", message);
        });
    }

    private static Task RespondResultAsync(HttpListenerResponse response, List<(string? EventId, string? Code, string? Message)> results) =>
        RespondAsync(response, 200, writer =>
        {
            writer.WriteNumber("FailedEntryCount", results.Count(r => r.Code is not null));
            writer.WriteStartArray("Entries");
            foreach (var (eventId, code, message) in results)
            {
                writer.WriteStartObject();
                if (code is null)
                {
                    writer.WriteString("EventId", eventId);
                }
                else
                {
                    writer.WriteString("ErrorCode", code);
                    writer.WriteString("ErrorMessage", message);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });

    private static async Task RespondAsync(HttpListenerResponse response, int status, Action<Utf8JsonWriter> writeMembers)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        response.StatusCode = status;
        response.ContentType = JsonContentType;
        response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        response.ContentLength64 = buffer.Length;
        await response.OutputStream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)).ConfigureAwait(false);
        response.Close();
    }
}
