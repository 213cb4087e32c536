using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using LambdaWorkflow.Aws.EventBridge;
using static LambdaWorkflow.IntegrationTests.EventBridge.EventBridgeTestData;

namespace LambdaWorkflow.IntegrationTests.EventBridge;

/// <summary>The PutEvents client against the local endpoint: request shape, signatures, error mapping.</summary>
public sealed class EventBridgePutEventsClientTests
{
    [Fact]
    public async Task PutEventsAsync_TwoEntries_EndpointVerifiesSignatureAndReturnsEventIds()
    {
        await using var endpoint = StartEndpoint();
        using var client = new EventBridgePutEventsClient(Options(endpoint));

        var result = await client.PutEventsAsync([Entry(1), Entry(2)]);

        Assert.Equal(0, result.FailedEntryCount);
        Assert.All(result.Entries, e => Assert.True(e.IsSuccess && e.EventId is not null));
        Assert.Equal(result.Entries.Select(e => e.EventId), endpoint.AcceptedEntries.Select(e => e.EventId));
        var request = Assert.Single(endpoint.Requests);
        Assert.Equal(200, request.StatusCode);
        Assert.Equal("AWSEvents.PutEvents", request.Header("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        var authorization = request.Header("Authorization")!;
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={AccessKey}/", authorization, StringComparison.Ordinal);
        Assert.Contains("/us-east-1/events/aws4_request", authorization, StringComparison.Ordinal);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target,", authorization, StringComparison.Ordinal);
        Assert.Null(request.Header("X-Amz-Security-Token"));
    }

    [Fact]
    public async Task PutEventsAsync_AllEntryFields_ArriveAsSent()
    {
        await using var endpoint = StartEndpoint();
        using var client = new EventBridgePutEventsClient(Options(endpoint));
        var entry = new PutEventsRequestEntry
        {
            Source = "lambda-workflow",
            DetailType = "CallRequested",
            Detail = "{\"quote\":\"\\\"é\\\"\",\"n\":1}",
            EventBusName = "arn:aws:events:us-east-1:123456789012:event-bus/workflows",
            Time = new DateTimeOffset(2025, 5, 6, 7, 8, 9, 123, TimeSpan.Zero),
            Resources = ["arn:aws:sqs:us-east-1:123456789012:inventory"],
            TraceHeader = "Root=1-5759e988-bd862e3fe1be46a994272793",
        };

        await client.PutEventsAsync([entry]);

        var received = Assert.Single(endpoint.AcceptedEntries);
        Assert.Equal(entry.Source, received.Source);
        Assert.Equal(entry.DetailType, received.DetailType);
        Assert.Equal(entry.Detail, received.Detail);
        Assert.Equal(entry.EventBusName, received.EventBusName);
        Assert.Equal(entry.Time, received.Time);
        Assert.Equal(entry.Resources, received.Resources);
        Assert.Equal(entry.TraceHeader, received.TraceHeader);
        Assert.Equal(entry.CalculateSize(), received.Size);
    }

    [Fact]
    public async Task PutEventsAsync_SessionCredentials_SendsSignedSecurityToken()
    {
        await using var endpoint = LocalEventBridgeEndpoint.Start();
        endpoint.AddCredentials("ASIALOCALSESSION", "session-secret", "session/token+value==");
        using var client = new EventBridgePutEventsClient(
            Options(endpoint, new SessionAWSCredentials("ASIALOCALSESSION", "session-secret", "session/token+value==")));

        var result = await client.PutEventsAsync([Entry(1)]);

        Assert.True(result.Entries[0].IsSuccess);
        var request = Assert.Single(endpoint.Requests);
        Assert.Equal("session/token+value==", request.Header("X-Amz-Security-Token"));
        Assert.Contains(";x-amz-security-token;", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutEventsAsync_WrongSecretKey_ThrowsInvalidSignatureFrom403()
    {
        await using var endpoint = StartEndpoint();
        using var client = new EventBridgePutEventsClient(Options(endpoint, new BasicAWSCredentials(AccessKey, "not-the-secret")));

        var error = await Assert.ThrowsAsync<EventBridgeException>(() => client.PutEventsAsync([Entry(1)]));

        Assert.Equal("PutEvents", error.Operation);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("InvalidSignatureException", error.ErrorCode);
        Assert.False(error.IsTransportError);
        Assert.NotNull(error.RequestId);
        Assert.Contains("HTTP 403 InvalidSignatureException", error.Message, StringComparison.Ordinal);
        Assert.Empty(endpoint.AcceptedEntries);
    }

    [Fact]
    public async Task PutEventsAsync_UnknownAccessKey_ThrowsUnrecognizedClient()
    {
        await using var endpoint = StartEndpoint();
        using var client = new EventBridgePutEventsClient(Options(endpoint, new BasicAWSCredentials("AKIDUNKNOWN", SecretKey)));

        var error = await Assert.ThrowsAsync<EventBridgeException>(() => client.PutEventsAsync([Entry(1)]));

        Assert.Equal((HttpStatusCode.Forbidden, "UnrecognizedClientException"), (error.StatusCode, error.ErrorCode));
    }

    [Fact]
    public async Task PutEventsAsync_SignedForAnotherRegion_ThrowsInvalidSignature()
    {
        await using var endpoint = StartEndpoint();
        var options = Options(endpoint);
        options.Region = "eu-west-1";
        using var client = new EventBridgePutEventsClient(options);

        var error = await Assert.ThrowsAsync<EventBridgeException>(() => client.PutEventsAsync([Entry(1)]));

        Assert.Equal("InvalidSignatureException", error.ErrorCode);
        Assert.Contains("region", error.ErrorMessage, StringComparison.Ordinal);
    }

    public static TheoryData<string> Tampering => ["header", "body", "uri"];

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task PutEventsAsync_RequestChangedAfterSigning_RejectedWithInvalidSignature(string what)
    {
        await using var endpoint = StartEndpoint();
        using var tampering = new TamperingHandler(async request =>
        {
            switch (what)
            {
                case "header":
                    // A signed header one second off, still a valid date: only the signature can tell.
                    var date = DateTime.ParseExact(
                        request.Headers.GetValues("X-Amz-Date").Single(), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                    request.Headers.Remove("X-Amz-Date");
                    request.Headers.TryAddWithoutValidation(
                        "X-Amz-Date", date.AddSeconds(1).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
                    break;
                case "body":
                    var body = await request.Content!.ReadAsStringAsync();
                    var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body.Replace("\\\"n\\\":1", "\\\"n\\\":2", StringComparison.Ordinal)));
                    content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.1");
                    request.Content = content;
                    break;
                default:
                    request.RequestUri = new Uri(request.RequestUri!, "/?extra=1");
                    break;
            }
        });
        using var client = new EventBridgePutEventsClient(Options(endpoint), tampering);

        var error = await Assert.ThrowsAsync<EventBridgeException>(() => client.PutEventsAsync([Entry(1)]));

        Assert.Equal((HttpStatusCode.Forbidden, "InvalidSignatureException"), (error.StatusCode, error.ErrorCode));
        Assert.Empty(endpoint.AcceptedEntries);
    }

    [Fact]
    public async Task PutEventsAsync_ElevenEntries_EndpointRejectsWithValidationException()
    {
        await using var endpoint = StartEndpoint();
        using var client = new EventBridgePutEventsClient(Options(endpoint));

        var error = await Assert.ThrowsAsync<EventBridgeException>(
            () => client.PutEventsAsync([.. Enumerable.Range(1, 11).Select(Entry)]));

        Assert.Equal((HttpStatusCode.BadRequest, "ValidationException"), (error.StatusCode, error.ErrorCode));
        Assert.Equal(11, Assert.Single(endpoint.Requests).Entries.Count);
    }

    [Fact]
    public async Task PutEventsAsync_EntriesOver256KB_EndpointRejectsWithValidationException()
    {
        await using var endpoint = StartEndpoint();
        using var client = new EventBridgePutEventsClient(Options(endpoint));
        var big = Entry(1) with { Detail = $"{{\"pad\":\"{new string('x', 140 * 1024)}\"}}" };

        var error = await Assert.ThrowsAsync<EventBridgeException>(() => client.PutEventsAsync([big, big]));

        Assert.Equal("ValidationException", error.ErrorCode);
    }

    [Fact]
    public async Task PutEventsAsync_InjectedEntryFailure_ReturnsErrorCodeInRequestOrder()
    {
        await using var endpoint = StartEndpoint();
        endpoint.FailEntries(e => e.Detail == "{\"n\":2}", "ThrottlingException", "Rate exceeded");
        using var client = new EventBridgePutEventsClient(Options(endpoint));

        var result = await client.PutEventsAsync([Entry(1), Entry(2), Entry(3)]);

        Assert.Equal(1, result.FailedEntryCount);
        Assert.Equal([null, "ThrottlingException", null], result.Entries.Select(e => e.ErrorCode));
        Assert.Equal("Rate exceeded", result.Entries[1].ErrorMessage);
    }

    [Fact]
    public async Task PutEventsAsync_AcceptedEntries_AreDeliveredWithEventIds()
    {
        var delivered = new List<PutEventsEntry>();
        await using var endpoint = StartEndpoint(new LocalEventBridgeOptions
        {
            Delivery = entry =>
            {
                if (entry.Detail == "{\"n\":3}")
                {
                    throw new InvalidOperationException("queue is gone");
                }

                delivered.Add(entry);
                return Task.CompletedTask;
            },
        });
        using var client = new EventBridgePutEventsClient(Options(endpoint));

        var result = await client.PutEventsAsync([Entry(1), Entry(2), Entry(3)]);

        Assert.Equal(["{\"n\":1}", "{\"n\":2}"], delivered.Select(e => e.Detail));
        Assert.Equal(result.Entries.Take(2).Select(e => e.EventId), delivered.Select(e => e.EventId));
        Assert.Equal("InternalFailure", result.Entries[2].ErrorCode);
    }

    [Fact]
    public async Task PutEventsAsync_NoResponseWithinRequestTimeout_ThrowsRetryableTransportError()
    {
        // Connections queue in the listener's backlog and are never answered.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var options = new EventBridgeClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/"),
            Credentials = new BasicAWSCredentials(AccessKey, SecretKey),
            RequestTimeout = TimeSpan.FromMilliseconds(300),
        };
        using var client = new EventBridgePutEventsClient(options);

        var error = await Assert.ThrowsAsync<EventBridgeException>(() => client.PutEventsAsync([Entry(1)]));

        Assert.True(error.IsTransportError);
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
        Assert.Contains("no response within 0.3 s", error.Message, StringComparison.Ordinal);
        Assert.True(EventBridgeRetryOptions.IsRetryableRequestErrorByDefault(error));
    }

    [Fact]
    public async Task PutEventsAsync_NothingListening_ThrowsTransportError()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var options = new EventBridgeClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = new Uri($"http://127.0.0.1:{port}/"),
            Credentials = new BasicAWSCredentials(AccessKey, SecretKey),
        };
        using var client = new EventBridgePutEventsClient(options);

        var error = await Assert.ThrowsAsync<EventBridgeException>(() => client.PutEventsAsync([Entry(1)]));

        Assert.True(error.IsTransportError);
        Assert.Null(error.StatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.True(EventBridgeRetryOptions.IsRetryableRequestErrorByDefault(error));
    }
}
