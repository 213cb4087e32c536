using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SQS;
using LambdaWorkflow.Aws.Diagnostics;

namespace LambdaWorkflow.Aws.Lambda;

/// <summary>
/// The settings a function reads from its environment variables, and the AWS clients built from them. Read once,
/// when the function is created (Lambda's init phase).
/// </summary>
/// <remarks>
/// Endpoints: <c>LWF_ENDPOINT_URL</c> points every client at one endpoint (an emulator); <c>LWF_ENDPOINT_URL_SQS</c>,
/// <c>LWF_ENDPOINT_URL_DYNAMODB</c> and <c>LWF_ENDPOINT_URL_EVENTS</c> override it per service, since local emulators
/// listen on a port each. Unset, the clients use AWS's regional endpoints for <c>AWS_REGION</c>.
/// </remarks>
public sealed class LambdaEnvironment
{
    /// <summary>The workflow inbox queue URL (FIFO); services reply to it.</summary>
    public const string InboxQueueUrlVariable = "LWF_INBOX_QUEUE_URL";

    /// <summary>The dead-letter queue URL for inbox messages the orchestrator rejects.</summary>
    public const string InboxDeadLetterQueueUrlVariable = "LWF_INBOX_DLQ_URL";

    /// <summary>
    /// The timer queue URL (standard, not FIFO): durable timers wait there with an SQS delivery delay, and the
    /// orchestrator function also consumes it. Optional; without it workflows that use timers fail their turn.
    /// </summary>
    public const string TimerQueueUrlVariable = "LWF_TIMER_QUEUE_URL";

    /// <summary>The source queue's <c>maxReceiveCount</c>: on its last receive a still-failing message is dead-lettered with its reason.</summary>
    public const string MaxReceiveCountVariable = "LWF_MAX_RECEIVE_COUNT";

    /// <summary>The DynamoDB table of workflow state.</summary>
    public const string TableNameVariable = "LWF_TABLE_NAME";

    /// <summary>The EventBridge bus call commands are published to.</summary>
    public const string EventBusNameVariable = "LWF_EVENT_BUS_NAME";

    /// <summary>
    /// Direct dispatch routes, <c>service=queueUrl</c> pairs separated by commas: when set, the orchestrator may send
    /// calls straight to the service queues (<c>SqsCommandPublisher</c>) instead of through the event bus.
    /// </summary>
    public const string ServiceQueuesVariable = "LWF_SERVICE_QUEUES";

    /// <summary>The dead-letter queue URL for service commands the service rejects.</summary>
    public const string ServiceDeadLetterQueueUrlVariable = "LWF_SERVICE_DLQ_URL";

    /// <summary>
    /// The CloudWatch namespace of the function's metrics; when set, the function writes them to stdout in the Embedded
    /// Metric Format after every invocation. Unset, no metrics are written.
    /// </summary>
    public const string MetricsNamespaceVariable = "LWF_METRICS_NAMESPACE";

    /// <summary>The region, set by Lambda itself.</summary>
    public const string RegionVariable = "AWS_REGION";

    /// <summary>One endpoint for every client, such as a local emulator.</summary>
    public const string EndpointUrlVariable = "LWF_ENDPOINT_URL";

    /// <summary>The SQS endpoint, overriding <see cref="EndpointUrlVariable"/>.</summary>
    public const string SqsEndpointUrlVariable = "LWF_ENDPOINT_URL_SQS";

    /// <summary>The DynamoDB endpoint, overriding <see cref="EndpointUrlVariable"/>.</summary>
    public const string DynamoDbEndpointUrlVariable = "LWF_ENDPOINT_URL_DYNAMODB";

    /// <summary>The EventBridge endpoint, overriding <see cref="EndpointUrlVariable"/>.</summary>
    public const string EventBridgeEndpointUrlVariable = "LWF_ENDPOINT_URL_EVENTS";

    // The region signed for when an endpoint is given without AWS_REGION: emulators accept any.
    private const string FallbackRegion = "us-east-1";

    private readonly Func<string, string?> _lookup;

    /// <summary>Reads the settings through <paramref name="lookup"/> (a variable name in, its value or null out).</summary>
    public LambdaEnvironment(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        _lookup = name => lookup(name) is { Length: > 0 } value ? value.Trim() : null;
        InboxQueueUrl = _lookup(InboxQueueUrlVariable);
        InboxDeadLetterQueueUrl = _lookup(InboxDeadLetterQueueUrlVariable);
        TimerQueueUrl = _lookup(TimerQueueUrlVariable);
        MaxReceiveCount = _lookup(MaxReceiveCountVariable) is { } count
            ? int.TryParse(count, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed >= 1
                ? parsed
                : throw new FormatException($"{MaxReceiveCountVariable} must be a whole number of at least 1, was '{count}'.")
            : null;
        TableName = _lookup(TableNameVariable);
        EventBusName = _lookup(EventBusNameVariable);
        ServiceQueues = _lookup(ServiceQueuesVariable) is { Length: > 0 } routes ? Sqs.SqsCommandPublisher.ParseRoutes(routes) : null;
        ServiceDeadLetterQueueUrl = _lookup(ServiceDeadLetterQueueUrlVariable);
        Region = _lookup(RegionVariable);
        MetricsNamespace = _lookup(MetricsNamespaceVariable);
        SqsEndpointUrl = _lookup(SqsEndpointUrlVariable) ?? _lookup(EndpointUrlVariable);
        DynamoDbEndpointUrl = _lookup(DynamoDbEndpointUrlVariable) ?? _lookup(EndpointUrlVariable);
        EventBridgeEndpointUrl = _lookup(EventBridgeEndpointUrlVariable) ?? _lookup(EndpointUrlVariable);
    }

    /// <summary><see cref="InboxQueueUrlVariable"/>, if set.</summary>
    public string? InboxQueueUrl { get; }

    /// <summary><see cref="InboxDeadLetterQueueUrlVariable"/>, if set.</summary>
    public string? InboxDeadLetterQueueUrl { get; }

    /// <summary><see cref="TimerQueueUrlVariable"/>, if set.</summary>
    public string? TimerQueueUrl { get; }

    /// <summary><see cref="MaxReceiveCountVariable"/>, if set.</summary>
    public int? MaxReceiveCount { get; }

    /// <summary><see cref="TableNameVariable"/>, if set.</summary>
    public string? TableName { get; }

    /// <summary><see cref="EventBusNameVariable"/>, if set.</summary>
    public string? EventBusName { get; }

    /// <summary><see cref="ServiceQueuesVariable"/> parsed into service name to queue URL, if set.</summary>
    public IReadOnlyDictionary<string, string>? ServiceQueues { get; }

    /// <summary><see cref="ServiceDeadLetterQueueUrlVariable"/>, if set.</summary>
    public string? ServiceDeadLetterQueueUrl { get; }

    /// <summary><see cref="MetricsNamespaceVariable"/>, if set.</summary>
    public string? MetricsNamespace { get; }

    /// <summary><see cref="RegionVariable"/>, if set.</summary>
    public string? Region { get; }

    /// <summary>The SQS endpoint to use instead of AWS's, if set.</summary>
    public string? SqsEndpointUrl { get; }

    /// <summary>The DynamoDB endpoint to use instead of AWS's, if set.</summary>
    public string? DynamoDbEndpointUrl { get; }

    /// <summary>The EventBridge endpoint to use instead of AWS's, if set; for the PutEvents client.</summary>
    public string? EventBridgeEndpointUrl { get; }

    /// <summary>Credentials for the clients; null (the default) uses the SDK's default chain, which in Lambda is the function's role.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>
    /// Counts every request of the clients created here, retries included; null (the default) counts nothing. Set it
    /// to measure what a step costs, and pass <see cref="AwsRequestMeter.CreateHandler"/> to the PutEvents client too.
    /// </summary>
    public AwsRequestMeter? RequestMeter { get; init; }

    /// <summary>The process's environment variables.</summary>
    public static LambdaEnvironment FromProcess() => new(Environment.GetEnvironmentVariable);

    /// <summary>Settings from a dictionary, for tests and tools.</summary>
    public static LambdaEnvironment FromVariables(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return new LambdaEnvironment(name => variables.GetValueOrDefault(name));
    }

    /// <summary>Any variable, trimmed; null when unset or empty.</summary>
    public string? Get(string variable)
    {
        ArgumentException.ThrowIfNullOrEmpty(variable);
        return _lookup(variable);
    }

    /// <summary>A variable the function cannot run without.</summary>
    /// <exception cref="InvalidOperationException">The variable is unset or empty; the message names it.</exception>
    public string Require(string variable) =>
        Get(variable) ?? throw new InvalidOperationException(
            $"The environment variable {variable} is not set; the function needs it. Set it in the function's configuration.");

    /// <summary>
    /// A listener writing the project's metrics as Embedded Metric Format lines to <paramref name="output"/> (stdout
    /// when null) in <see cref="MetricsNamespace"/>; null when that is not set.
    /// </summary>
    public Metrics.EmfMetricsListener? CreateMetricsListener(TextWriter? output = null) =>
        MetricsNamespace is { } ns ? new Metrics.EmfMetricsListener(new Metrics.EmfMetricsWriter(output ?? Console.Out, ns)) : null;

    /// <summary>
    /// An SQS client for <see cref="Region"/> or <see cref="SqsEndpointUrl"/>, with the SDK's own retries turned off:
    /// the adapters' Polly pipeline is the one retry layer, so their request counter sees every request.
    /// </summary>
    public AmazonSQSClient CreateSqsClient()
    {
        var config = new AmazonSQSConfig { MaxErrorRetry = 0 };
        Configure(config, SqsEndpointUrl);
        return Credentials is null ? new AmazonSQSClient(config) : new AmazonSQSClient(Credentials, config);
    }

    /// <summary>A DynamoDB client for <see cref="Region"/> or <see cref="DynamoDbEndpointUrl"/>, with the SDK's default retries.</summary>
    public AmazonDynamoDBClient CreateDynamoDbClient()
    {
        var config = new AmazonDynamoDBConfig();
        Configure(config, DynamoDbEndpointUrl);
        return Credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(Credentials, config);
    }

    private void Configure(ClientConfig config, string? endpointUrl)
    {
        RequestMeter?.Attach(config);
        if (endpointUrl is not null)
        {
            config.ServiceURL = endpointUrl;
            config.AuthenticationRegion = Region ?? FallbackRegion;
        }
        else if (Region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
        }
    }
}
