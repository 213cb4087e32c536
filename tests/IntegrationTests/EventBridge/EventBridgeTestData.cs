using Amazon.Runtime;
using LambdaWorkflow.Aws.EventBridge;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;

namespace LambdaWorkflow.IntegrationTests.EventBridge;

/// <summary>Credentials, options and commands shared by the EventBridge tests.</summary>
internal static class EventBridgeTestData
{
    public const string AccessKey = "AKIDLOCALEVENTBRIDGE";
    public const string SecretKey = "local/secret+key/for-tests";
    public const string InstanceId = "order-42";

    /// <summary>Starts an endpoint that knows <see cref="AccessKey"/>.</summary>
    public static LocalEventBridgeEndpoint StartEndpoint(LocalEventBridgeOptions? options = null)
    {
        var endpoint = LocalEventBridgeEndpoint.Start(options);
        endpoint.AddCredentials(AccessKey, SecretKey);
        return endpoint;
    }

    /// <summary>Options pointing at the endpoint, with retries fast enough for tests (1 ms, no jitter).</summary>
    public static EventBridgeClientOptions Options(LocalEventBridgeEndpoint endpoint, AWSCredentials? credentials = null) => new()
    {
        Region = endpoint.Region,
        ServiceUrl = endpoint.ServiceUrl,
        Credentials = credentials ?? new BasicAWSCredentials(AccessKey, SecretKey),
        RequestTimeout = TimeSpan.FromSeconds(30),
        Retry = new EventBridgeRetryOptions
        {
            MaxRetryAttempts = 3,
            BaseDelay = TimeSpan.FromMilliseconds(1),
            MaxDelay = TimeSpan.FromMilliseconds(5),
            UseJitter = false,
        },
    };

    /// <summary>Call number <paramref name="callNumber"/> of <see cref="InstanceId"/>, its payload padded to about <paramref name="payloadBytes"/>.</summary>
    public static CallRequest Command(int callNumber, int payloadBytes = 16) => new()
    {
        CallId = CallIds.Create(InstanceId, callNumber),
        InstanceId = InstanceId,
        Workflow = "order",
        Service = callNumber % 2 == 0 ? "payments" : "inventory",
        Operation = "reserve",
        ReplyTo = "https://sqs.us-east-1.amazonaws.com/123456789012/inbox.fifo",
        Payload = JsonPayload.Parse($"{{\"pad\":\"{new string('x', payloadBytes)}\"}}"),
        RequestedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    /// <summary>Calls 1 to <paramref name="count"/>.</summary>
    public static List<CallRequest> Commands(int count, int payloadBytes = 16) =>
        [.. Enumerable.Range(1, count).Select(n => Command(n, payloadBytes))];

    /// <summary>The call id of call <paramref name="callNumber"/>.</summary>
    public static string CallId(int callNumber) => CallIds.Create(InstanceId, callNumber);

    /// <summary>A plain entry for client-level tests.</summary>
    public static PutEventsRequestEntry Entry(int n) => new()
    {
        Source = "lambda-workflow.tests",
        DetailType = "TestEvent",
        Detail = $"{{\"n\":{n}}}",
        EventBusName = "default",
    };
}
