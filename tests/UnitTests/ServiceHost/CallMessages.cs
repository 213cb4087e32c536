using System.Text;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.ServiceHost;

namespace LambdaWorkflow.UnitTests.ServiceHost;

internal sealed record ReserveStock(string Sku, int Quantity);

internal sealed record Reservation(string ReservationId, int Quantity);

internal static class Inventory
{
    public static readonly ServiceOperation<ReserveStock, Reservation> Reserve = new("inventory", "reserve");

    public static readonly ServiceOperation<ReserveStock, Reservation> Release = new("inventory", "release");
}

/// <summary>Builds service queue messages as EventBridge delivers them: the whole CallRequested event as the body.</summary>
internal static class CallMessages
{
    public const string ReplyTo = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-inbox.fifo";
    public const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    public static readonly DateTimeOffset RequestedAt = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static QueueMessage Create(
        string instanceId = "order-1",
        int callNumber = 1,
        int attempt = 1,
        string service = "inventory",
        string operation = "reserve",
        string payload = """{"sku":"A-1","quantity":2}""")
    {
        var evt = new CallRequestedEvent
        {
            Id = Guid.NewGuid().ToString(),
            Time = RequestedAt,
            Detail = new CallRequest
            {
                CallId = CallIds.Create(instanceId, callNumber),
                InstanceId = instanceId,
                Workflow = "order-fulfillment",
                Service = service,
                Operation = operation,
                Attempt = attempt,
                ReplyTo = ReplyTo,
                Payload = JsonPayload.Parse(payload),
                RequestedAt = RequestedAt,
                TraceParent = TraceParent,
            },
        };
        return Raw(evt.ToJson(), $"msg-{instanceId}-{callNumber}");
    }

    public static QueueMessage Raw(string body, string messageId = "msg-raw") =>
        new(messageId, Encoding.UTF8.GetBytes(body), RequestedAt, ReceiveCount: 1);

    /// <summary>Retries without delay, so tests never sleep.</summary>
    public static ServiceRetryOptions ImmediateRetry(int maxRetryAttempts = 3) =>
        new() { MaxRetryAttempts = maxRetryAttempts, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };

    public static ServiceDispatcher Dispatcher(
        ServiceRegistry registry,
        IReplySender replies,
        ServiceRetryOptions? retry = null,
        TimeProvider? timeProvider = null,
        int maxConcurrency = 10,
        RecordingLogger? logger = null) =>
        new(
            registry,
            replies,
            new ServiceDispatcherOptions
            {
                DefaultRetry = retry ?? ImmediateRetry(),
                TimeProvider = timeProvider ?? TimeProvider.System,
                MaxConcurrency = maxConcurrency,
            },
            logger);

    public static Task<Reservation> Reserve(ReserveStock request) =>
        Task.FromResult(new Reservation("res-" + request.Sku, request.Quantity));
}
