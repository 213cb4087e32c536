using System.Net;
using Amazon.Runtime;
using LambdaWorkflow.Aws.EventBridge;
using LambdaWorkflow.Contracts.Messages;
using static LambdaWorkflow.IntegrationTests.EventBridge.EventBridgeTestData;

namespace LambdaWorkflow.IntegrationTests.EventBridge;

/// <summary>The command publisher against the local endpoint: mapping, batching, retries of requests and of entries.</summary>
public sealed class EventBridgeCommandPublisherTests
{
    [Fact]
    public async Task PublishAsync_OneCommand_PutsCallRequestedEntryOnConfiguredBus()
    {
        await using var endpoint = StartEndpoint();
        var options = Options(endpoint);
        options.EventBusName = "workflows";
        options.Source = "acme.orders";
        using var client = new EventBridgePutEventsClient(options);
        var publisher = new EventBridgeCommandPublisher(client, options);
        var command = Command(1);

        await publisher.PublishAsync([command]);

        var entry = Assert.Single(endpoint.AcceptedEntries);
        Assert.Equal("acme.orders", entry.Source);
        Assert.Equal(CallRequestedEvent.DetailTypeName, entry.DetailType);
        Assert.Equal("workflows", entry.EventBusName);
        Assert.Equal(CallRequestedEvent.DetailToJson(command), entry.Detail);
        Assert.Equal(command.CallId, entry.CallId);
    }

    [Fact]
    public async Task PublishAsync_DefaultOptions_UseLambdaWorkflowSourceAndDefaultBus()
    {
        await using var endpoint = StartEndpoint();
        using var client = new EventBridgePutEventsClient(Options(endpoint));
        var publisher = new EventBridgeCommandPublisher(client, Options(endpoint));

        await publisher.PublishAsync([Command(1)]);

        var entry = Assert.Single(endpoint.AcceptedEntries);
        Assert.Equal(("lambda-workflow", "default"), (entry.Source, entry.EventBusName));
    }

    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(10, new[] { 10 })]
    [InlineData(25, new[] { 10, 10, 5 })]
    public async Task PublishAsync_Commands_BatchedByTenInCommandOrder(int count, int[] requestSizes)
    {
        await using var endpoint = StartEndpoint();
        using var client = new EventBridgePutEventsClient(Options(endpoint));
        var publisher = new EventBridgeCommandPublisher(client, Options(endpoint));
        var commands = Commands(count);

        await publisher.PublishAsync(commands);

        Assert.Equal(requestSizes, endpoint.Requests.Select(r => r.Entries.Count));
        Assert.All(endpoint.Requests, r => Assert.Equal(200, r.StatusCode));
        Assert.Equal(commands.Select(c => c.CallId), endpoint.AcceptedEntries.Select(e => e.CallId));
    }

    [Fact]
    public async Task PublishAsync_CommandsOver256KB_SplitBySizeWithinTheLimit()
    {
        await using var endpoint = StartEndpoint();
        using var client = new EventBridgePutEventsClient(Options(endpoint));
        var publisher = new EventBridgeCommandPublisher(client, Options(endpoint));

        // About 60 KB each: four fit in 256 KB, five do not.
        var commands = Commands(10, payloadBytes: 60 * 1024);
        await publisher.PublishAsync(commands);

        Assert.Equal([4, 4, 2], endpoint.Requests.Select(r => r.Entries.Count));
        Assert.All(endpoint.Requests, r => Assert.InRange(r.Entries.Sum(e => e.Size), 1, EventBridgeClientOptions.MaxRequestBytesLimit));
        Assert.Equal(commands.Select(c => c.CallId), endpoint.AcceptedEntries.Select(e => e.CallId));
    }

    [Fact]
    public async Task PublishAsync_CommandLargerThanARequest_ThrowsNamingCallIdAndSizeBeforeSendingAnything()
    {
        await using var endpoint = StartEndpoint();
        using var client = new EventBridgePutEventsClient(Options(endpoint));
        var publisher = new EventBridgeCommandPublisher(client, Options(endpoint));
        List<CallRequest> commands = [Command(1), Command(2, payloadBytes: 300 * 1024), Command(3)];

        var error = await Assert.ThrowsAsync<EventBridgeEntryTooLargeException>(() => publisher.PublishAsync(commands));

        Assert.Equal(CallId(2), error.CallId);
        Assert.True(error.SizeBytes > 300 * 1024, $"size {error.SizeBytes}");
        Assert.Equal(256 * 1024, error.LimitBytes);
        Assert.Contains(CallId(2), error.Message, StringComparison.Ordinal);
        Assert.Empty(endpoint.Requests);
    }

    [Fact]
    public async Task PublishAsync_PartialFailure_ResendsOnlyTheFailedEntries()
    {
        await using var endpoint = StartEndpoint();
        endpoint.FailCall(CallId(2), "ThrottlingException", "Rate exceeded");
        endpoint.FailCall(CallId(4), "InternalFailure", "Internal failure");
        using var client = new EventBridgePutEventsClient(Options(endpoint));
        var publisher = new EventBridgeCommandPublisher(client, Options(endpoint));

        await publisher.PublishAsync(Commands(5));

        var requests = endpoint.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal([CallId(1), CallId(2), CallId(3), CallId(4), CallId(5)], requests[0].CallIds);
        Assert.Equal([null, "ThrottlingException", null, "InternalFailure", null], requests[0].EntryErrorCodes);
        Assert.Equal([CallId(2), CallId(4)], requests[1].CallIds);
        Assert.Equal([null, null], requests[1].EntryErrorCodes);
        Assert.Equal(
            [CallId(1), CallId(2), CallId(3), CallId(4), CallId(5)],
            endpoint.AcceptedEntries.Select(e => e.CallId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(400, "ThrottlingException")]
    [InlineData(500, "InternalFailure")]
    [InlineData(503, "ServiceUnavailable")]
    public async Task PublishAsync_RequestFailsTransiently_RetriesTheWholeRequest(int status, string errorCode)
    {
        await using var endpoint = StartEndpoint();
        endpoint.FailNextRequests(2, status, errorCode, "try again");
        using var client = new EventBridgePutEventsClient(Options(endpoint));
        var publisher = new EventBridgeCommandPublisher(client, Options(endpoint));

        await publisher.PublishAsync(Commands(3));

        Assert.Equal([status, status, 200], endpoint.Requests.Select(r => r.StatusCode));
        Assert.All(endpoint.Requests, r => Assert.Equal([CallId(1), CallId(2), CallId(3)], r.CallIds));
        Assert.Equal(3, endpoint.AcceptedEntries.Count);
    }

    [Fact]
    public async Task PublishAsync_ThrottledBeyondTheRetries_ThrowsTheLastRequestError()
    {
        await using var endpoint = StartEndpoint();
        endpoint.ThrottleNextRequests(10);
        var options = Options(endpoint);
        options.Retry.MaxRetryAttempts = 2;
        using var client = new EventBridgePutEventsClient(options);
        var publisher = new EventBridgeCommandPublisher(client, options);

        var error = await Assert.ThrowsAsync<EventBridgeException>(() => publisher.PublishAsync(Commands(1)));

        Assert.Equal((HttpStatusCode.BadRequest, "ThrottlingException"), (error.StatusCode, error.ErrorCode));
        Assert.Equal(3, endpoint.Requests.Count);
    }

    [Fact]
    public async Task PublishAsync_NonRetryableEntryError_ThrowsNamingTheCallIdWithoutRetrying()
    {
        await using var endpoint = StartEndpoint();
        endpoint.FailCall(CallId(2), "InvalidArgument", "Parameter Detail is not valid.");
        using var client = new EventBridgePutEventsClient(Options(endpoint));
        var publisher = new EventBridgeCommandPublisher(client, Options(endpoint));

        var error = await Assert.ThrowsAsync<EventBridgeEntryException>(() => publisher.PublishAsync(Commands(3)));

        Assert.Equal(CallId(2), error.CallId);
        Assert.Equal("InvalidArgument", error.ErrorCode);
        Assert.False(error.RetriesExhausted);
        Assert.Equal([new EventBridgeEntryFailure(CallId(2), "InvalidArgument", "Parameter Detail is not valid.")], error.Failures);
        Assert.Contains($"call {CallId(2)}: InvalidArgument", error.Message, StringComparison.Ordinal);
        Assert.Single(endpoint.Requests);
    }

    [Fact]
    public async Task PublishAsync_EntryThrottledBeyondTheRetries_ThrowsWithRetriesExhausted()
    {
        await using var endpoint = StartEndpoint();
        endpoint.FailCall(CallId(1), "ThrottlingException", "Rate exceeded", times: 100);
        var options = Options(endpoint);
        options.Retry.MaxRetryAttempts = 2;
        using var client = new EventBridgePutEventsClient(options);
        var publisher = new EventBridgeCommandPublisher(client, options);

        var error = await Assert.ThrowsAsync<EventBridgeEntryException>(() => publisher.PublishAsync(Commands(2)));

        Assert.True(error.RetriesExhausted);
        Assert.Equal((CallId(1), "ThrottlingException"), (error.CallId, error.ErrorCode));
        Assert.Equal([2, 1, 1], endpoint.Requests.Select(r => r.Entries.Count));
        Assert.Equal([CallId(2)], endpoint.AcceptedEntries.Select(e => e.CallId));
    }

    [Fact]
    public async Task PublishAsync_BadSignature_FailsAtOnceWithoutRetrying()
    {
        await using var endpoint = StartEndpoint();
        var options = Options(endpoint, new BasicAWSCredentials(AccessKey, "wrong-secret"));
        using var client = new EventBridgePutEventsClient(options);
        var publisher = new EventBridgeCommandPublisher(client, options);

        var error = await Assert.ThrowsAsync<EventBridgeException>(() => publisher.PublishAsync(Commands(2)));

        Assert.Equal("InvalidSignatureException", error.ErrorCode);
        Assert.Single(endpoint.Requests);
    }

    [Fact]
    public async Task PublishAsync_CancelledWhileWaitingToRetry_ThrowsCancellationNotEventBridgeError()
    {
        await using var endpoint = StartEndpoint();
        endpoint.ThrottleNextRequests(10);
        var options = Options(endpoint);
        options.Retry.BaseDelay = TimeSpan.FromMinutes(1);
        options.Retry.MaxDelay = TimeSpan.FromMinutes(1);
        using var client = new EventBridgePutEventsClient(options);
        var publisher = new EventBridgeCommandPublisher(client, options);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publisher.PublishAsync(Commands(1), cancellation.Token));

        Assert.Single(endpoint.Requests);
    }

    [Fact]
    public async Task PublishAsync_NoCommands_SendsNothing()
    {
        await using var endpoint = StartEndpoint();
        using var client = new EventBridgePutEventsClient(Options(endpoint));
        var publisher = new EventBridgeCommandPublisher(client, Options(endpoint));

        await publisher.PublishAsync([]);

        Assert.Empty(endpoint.Requests);
    }
}
