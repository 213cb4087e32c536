using LambdaWorkflow.Aws.Diagnostics;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.ServiceHost;
using OrderFulfillment;
using OrderFulfillment.Domain;
using OrderFulfillment.Services;
using Xunit.Abstractions;

namespace LambdaWorkflow.IntegrationTests.EndToEnd;

/// <summary>The sample's workflow and services on a small, quick emulator deployment, for the partial-failure tests.</summary>
internal static class EndToEndTesting
{
    public static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Services that never fail and answer within a millisecond.</summary>
    public static SampleOptions NoFailures { get; } = new()
    {
        PaymentDeclineRate = 0,
        OutOfStockRate = 0,
        ShippingFailureRate = 0,
        TransientFailureRate = 0,
        MinLatencyMs = 0,
        MaxLatencyMs = 1,
    };

    /// <summary>Few pollers and short retry delays, so a test takes a second or two.</summary>
    public static EmulatorEnvironmentOptions FastOptions(Action<EmulatorEnvironmentOptions>? change = null)
    {
        var options = new EmulatorEnvironmentOptions
        {
            OrchestratorInstances = 2,
            ServiceInstances = 1,
            ClientPollInterval = TimeSpan.FromMilliseconds(100),
            ConfigureStore = store => store.BaseDelay = TimeSpan.FromMilliseconds(10),
            ConfigureEventBridge = eventBridge =>
            {
                eventBridge.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
                eventBridge.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
            },
        };
        change?.Invoke(options);
        return options;
    }

    /// <summary>Deploys the order workflow and the sample's services, and starts the pollers.</summary>
    public static async Task<EmulatorEnvironment> StartAsync(EmulatorHost host, EmulatorEnvironmentOptions options)
    {
        var services = new SampleServices(new FailurePlan(NoFailures)).Register(new ServiceRegistry());
        var workflows = new WorkflowRegistry().Add<OrderWorkflow, OrderRequest, OrderResult>(Workflows.Order);
        var environment = await EmulatorEnvironment.CreateAsync(host, workflows, services, options);
        environment.Start();
        return environment;
    }

    /// <summary>Starts <paramref name="count"/> orders and waits for every one to finish.</summary>
    public static async Task<IReadOnlyList<OrderResult>> RunOrdersAsync(EmulatorEnvironment environment, int count)
    {
        using var timeout = new CancellationTokenSource(RunTimeout);
        var waits = new List<Task<InstanceMetadata>>();
        for (var i = 1; i <= count; i++)
        {
            var order = SampleRunner.Order(seed: 1, i);
            await environment.Client.StartAsync(Workflows.Order, order, order.OrderId, timeout.Token);
            waits.Add(environment.Client.WaitForCompletionAsync(order.OrderId, timeout.Token));
        }

        var finished = await Task.WhenAll(waits);
        Assert.All(finished, metadata => Assert.Equal(WorkflowStatus.Completed, metadata.Status));
        return [.. finished.Select(metadata => metadata.Output.Deserialize(SampleJson.Default.OrderResult))];
    }

    /// <summary>Receives from a queue until a message arrives or the wait ends.</summary>
    public static async Task<IReadOnlyList<Amazon.SQS.Model.Message>> WaitForMessagesAsync(EmulatorEnvironment environment, QueueAddress queue)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var messages = await environment.DrainAsync(queue, timeout.Token);
            if (messages.Count > 0)
            {
                return messages;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>Writes the deployment's requests to the test output.</summary>
    public static void Print(ITestOutputHelper output, string title, EmulatorEnvironment environment)
    {
        output.WriteLine($"{title}: AWS requests of the deployment");
        output.WriteLine(environment.Report().ToText());
        output.WriteLine($"observer requests (status reads, queue reads): {environment.ObserverMeter.Snapshot().TotalRequests}");
    }

    /// <summary>The count of one request kind, failed-request kind or measure in a report.</summary>
    public static long Count(this AwsRequestCounts counts, string key) =>
        counts.Requests.TryGetValue(key, out var requests) ? requests : counts.Errors.GetValueOrDefault(key);
}
