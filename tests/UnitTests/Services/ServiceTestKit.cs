using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Local.Idempotency;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.ServiceHost.Callbacks;
using LambdaWorkflow.ServiceHost.Idempotency;
using LambdaWorkflow.TestSupport.Services;
using LambdaWorkflow.UnitTests.ServiceHost;
using Microsoft.Extensions.Time.Testing;

namespace LambdaWorkflow.UnitTests.Services;

/// <summary>A dispatcher with an in-memory idempotency store, a fake clock, recorded replies and logs, and a recording callback scheduler.</summary>
internal sealed class ServiceTestKit
{
    public static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public InMemoryIdempotencyStore Store { get; } = new();

    public RecordingReplySender Replies { get; } = new();

    public EventCountingLogger Logger { get; } = new();

    public RecordingScheduler Scheduler { get; } = new();

    public ServiceDispatcherOptions Options(Action<ServiceDispatcherOptions>? configure = null)
    {
        var options = new ServiceDispatcherOptions
        {
            DefaultRetry = CallMessages.ImmediateRetry(),
            TimeProvider = Time,
            Idempotency = new IdempotencyOptions { Store = Store, Lease = TimeSpan.FromMinutes(1) },
            Callbacks = new CallbackOptions { SigningKey = SigningKey, TimeoutScheduler = Scheduler, DefaultTimeout = TimeSpan.FromHours(1) },
        };
        configure?.Invoke(options);
        return options;
    }

    public ServiceDispatcher Dispatcher(ServiceRegistry registry, Action<ServiceDispatcherOptions>? configure = null) =>
        new(registry, Replies, Options(configure), Logger);

    public CallbackClient Client(Action<ServiceDispatcherOptions>? configure = null) => new(Replies, Options(configure));

    /// <summary>A redelivery of <paramref name="message"/>: same id and body, one more receive.</summary>
    public static QueueMessage Again(QueueMessage message, int receiveCount = 2) => message with { ReceiveCount = receiveCount };
}

/// <summary>Records the timeout checks scheduled, so a test can deliver them when their time comes.</summary>
internal sealed class RecordingScheduler : ICallbackTimeoutScheduler
{
    private readonly List<(string Service, string Body, TimeSpan Delay)> _checks = [];

    public IReadOnlyList<(string Service, string Body, TimeSpan Delay)> Checks
    {
        get
        {
            lock (_checks)
            {
                return [.. _checks];
            }
        }
    }

    public (string Service, string Body, TimeSpan Delay) Last => Checks[^1];

    public Task ScheduleAsync(string service, string messageBody, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        lock (_checks)
        {
            _checks.Add((service, messageBody, delay));
        }

        return Task.CompletedTask;
    }

    public static QueueMessage AsMessage((string Service, string Body, TimeSpan Delay) check, string id = "check") =>
        new(id, System.Text.Encoding.UTF8.GetBytes(check.Body), DateTimeOffset.UnixEpoch, 1);
}
