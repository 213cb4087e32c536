using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS.Model;
using LambdaWorkflow.Aws.Diagnostics;
using LambdaWorkflow.Aws.EventBridge;
using LambdaWorkflow.Aws.Lambda;
using LambdaWorkflow.IntegrationTests.EventBridge;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.IntegrationTests.Sqs;

namespace LambdaWorkflow.IntegrationTests.Diagnostics;

/// <summary>The HTTP-level request meter on the real SDK clients and the PutEvents client, against the emulators.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class AwsRequestMeterTests(EmulatorFixture emulators)
{
    [Fact]
    public async Task Attach_SqsClient_CountsEachRequestByOperation()
    {
        var meter = new AwsRequestMeter();
        using var sqs = emulators.Host.CreateSqsClient(meter);
        var queue = await sqs.CreateQueueAsync(SqsTesting.UniqueName("metered"));

        await sqs.SendMessageBatchAsync(queue.QueueUrl, [new SendMessageBatchRequestEntry("a", "1"), new SendMessageBatchRequestEntry("b", "2")]);
        await sqs.SendMessageAsync(queue.QueueUrl, "3");
        await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queue.QueueUrl, MaxNumberOfMessages = 10 });

        var counts = meter.Snapshot();
        Assert.Equal(1, counts["sqs", "CreateQueue"]);
        Assert.Equal(1, counts["sqs", "SendMessageBatch"]);
        Assert.Equal(1, counts["sqs", "SendMessage"]);
        Assert.Equal(1, counts["sqs", "ReceiveMessage"]);
        Assert.Equal(4, counts.TotalRequests);
        Assert.Equal(4, counts.ServiceTotal("sqs"));
        Assert.Empty(counts.Errors);
    }

    [Fact]
    public async Task Attach_DynamoDbThrottledTwice_CountsTheSdkRetriesAndTheErrorCode()
    {
        var meter = new AwsRequestMeter();
        var faults = new AwsFaultInjector();
        using var dynamoDb = emulators.Host.CreateDynamoDbClient(meter, faults);
        var table = SqsTesting.UniqueName("metered");
        await emulators.Host.CreateTableAsync(table);
        faults.ThrottleDynamoDb("PutItem", times: 2);

        await dynamoDb.PutItemAsync(table, new Dictionary<string, AttributeValue> { ["pk"] = new("a"), ["sk"] = new("b") });

        var counts = meter.Snapshot();
        Assert.Equal(3, counts["dynamodb", "PutItem"]);
        Assert.Equal(2, counts.Errors["dynamodb.PutItem.ProvisionedThroughputExceededException"]);
        Assert.Equal(2, faults.Injected);
    }

    [Fact]
    public async Task Attach_ConditionFails_CountsTheConditionalCheckFailure()
    {
        var meter = new AwsRequestMeter();
        using var dynamoDb = emulators.Host.CreateDynamoDbClient(meter);
        var table = SqsTesting.UniqueName("metered");
        await emulators.Host.CreateTableAsync(table);
        var item = new Dictionary<string, AttributeValue> { ["pk"] = new("a"), ["sk"] = new("b") };
        await dynamoDb.PutItemAsync(table, item);

        await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => dynamoDb.PutItemAsync(
            new PutItemRequest { TableName = table, Item = item, ConditionExpression = "attribute_not_exists(pk)" }));

        var counts = meter.Snapshot();
        Assert.Equal(2, counts["dynamodb", "PutItem"]);
        Assert.Equal(1, counts.Errors["dynamodb.PutItem.ConditionalCheckFailedException"]);
    }

    [Fact]
    public async Task CreateHandler_PutEventsWithAFailedEntry_CountsEntriesSentAndFailed()
    {
        await using var endpoint = EventBridgeTestData.StartEndpoint();
        var meter = new AwsRequestMeter();
        using var client = new EventBridgePutEventsClient(EventBridgeTestData.Options(endpoint), meter.CreateHandler());
        var publisher = new EventBridgeCommandPublisher(client, EventBridgeTestData.Options(endpoint));
        endpoint.FailCall(EventBridgeTestData.CallId(2), "ThrottlingException");

        await publisher.PublishAsync(EventBridgeTestData.Commands(3));

        var counts = meter.Snapshot();
        Assert.Equal(2, counts["events", "PutEvents"]);
        Assert.Equal(4, counts.PutEventsEntries); // 3, then the failed one again
        Assert.Equal(1, counts.PutEventsFailedEntries);
    }

    [Fact]
    public async Task CreateHandler_RequestRejected_CountsTheErrorTypeHeader()
    {
        await using var endpoint = EventBridgeTestData.StartEndpoint();
        var meter = new AwsRequestMeter();
        using var client = new EventBridgePutEventsClient(EventBridgeTestData.Options(endpoint), meter.CreateHandler());
        endpoint.ThrottleNextRequests(1);

        await Assert.ThrowsAsync<EventBridgeException>(() => client.PutEventsAsync([EventBridgeTestData.Entry(1)]));

        var counts = meter.Snapshot();
        Assert.Equal(1, counts["events", "PutEvents"]);
        Assert.Equal(1, counts.Errors["events.PutEvents.ThrottlingException"]);
    }

    [Fact]
    public async Task CreateHandler_NothingListening_CountsTheRequestAndANetworkError()
    {
        var meter = new AwsRequestMeter();
        var options = new EventBridgeClientOptions
        {
            ServiceUrl = new Uri($"http://127.0.0.1:{FreePort()}/"),
            Region = "us-east-1",
            Credentials = new Amazon.Runtime.BasicAWSCredentials("a", "b"),
        };
        using var client = new EventBridgePutEventsClient(options, meter.CreateHandler());

        await Assert.ThrowsAsync<EventBridgeException>(() => client.PutEventsAsync([EventBridgeTestData.Entry(1)]));

        var counts = meter.Snapshot();
        Assert.Equal(1, counts["events", "PutEvents"]);
        Assert.Equal(1, counts.Errors["events.PutEvents.NetworkError"]);
    }

    [Fact]
    public async Task Snapshot_Subtracted_GivesWhatHappenedInBetween()
    {
        var meter = new AwsRequestMeter();
        using var sqs = emulators.Host.CreateSqsClient(meter);
        var queue = await sqs.CreateQueueAsync(SqsTesting.UniqueName("metered"));
        var before = meter.Snapshot();

        await sqs.SendMessageAsync(queue.QueueUrl, "1");
        await sqs.SendMessageAsync(queue.QueueUrl, "2");

        var step = meter.Snapshot() - before;
        Assert.Equal(new Dictionary<string, long> { ["sqs.SendMessage"] = 2 }, step.Requests);
        Assert.Equal(3, (before + step).TotalRequests);
    }

    [Fact]
    public void LambdaEnvironment_WithMeter_AttachesItToTheClientsItCreates()
    {
        var meter = new AwsRequestMeter();
        var environment = new LambdaEnvironment(name => name == LambdaEnvironment.EndpointUrlVariable ? "http://127.0.0.1:1" : null) { RequestMeter = meter };

        using var sqs = environment.CreateSqsClient();
        using var dynamoDb = environment.CreateDynamoDbClient();

        Assert.NotNull(sqs.Config.HttpClientFactory);
        Assert.NotNull(dynamoDb.Config.HttpClientFactory);
    }

    [Theory]
    [InlineData("https://sqs.us-east-1.amazonaws.com/?Action=ListQueues&Version=2012-11-05", null, "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=ab", "sqs", "ListQueues")]
    [InlineData("https://dynamodb.us-east-1.amazonaws.com/", "DynamoDB_20120810.Query", null, "dynamodb", "Query")]
    [InlineData("https://example.com/", null, null, "unknown", "unknown")]
    public void Identify_WithoutTheUsualHeaders_FallsBackToWhatTheRequestSays(string url, string? target, string? authorization, string service, string operation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        Assert.Equal((service, operation), AwsRequestMeteringHandler.Identify(request, target));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
