using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LambdaWorkflow.Local.Hosting;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.ServiceHost;
using OrderFulfillment;
using OrderFulfillment.Domain;
using OrderFulfillment.Services;

namespace LambdaWorkflow.UnitTests.Telemetry;

public sealed class MetricsTests
{
    [Fact]
    public async Task OrderWorkflow_Listened_RecordsStepsReplayHistoryLatencyAndServiceDurationsWithUnits()
    {
        // Other tests run workflows at the same time and are measured too: look for ours among all measurements.
        var units = new ConcurrentDictionary<string, string?>();
        var seen = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        void Record(Instrument i, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            units[i.Name] = i.Unit;
            seen.GetOrAdd(i.Name, _ => []).Add(Tags(tags));
        }

        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name.StartsWith("LambdaWorkflow.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((i, _, tags, _) => Record(i, tags));
        listener.SetMeasurementEventCallback<long>((i, _, tags, _) => Record(i, tags));
        listener.SetMeasurementEventCallback<int>((i, _, tags, _) => Record(i, tags));
        listener.Start();

        var options = new SampleOptions { PaymentDeclineRate = 0, OutOfStockRate = 0, ShippingFailureRate = 0, TransientFailureRate = 0, MinLatencyMs = 0, MaxLatencyMs = 1 };
        var registry = new WorkflowRegistry().Add<OrderWorkflow, OrderRequest, OrderResult>(Workflows.Order);
        await using (var runtime = new EmbeddedRuntime(registry, new SampleServices(new FailurePlan(options)).Register(new ServiceRegistry())))
        {
            await runtime.StartAsync();
            var order = SampleRunner.Order(seed: 11, index: 1);
            await runtime.Client.StartAsync(Workflows.Order, order, order.OrderId);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Assert.Equal(WorkflowStatus.Completed, (await runtime.Client.WaitForCompletionAsync(order.OrderId, timeout.Token)).Status);
        }

        Assert.Equal("ms", units["lwf.orchestrator.turn.duration"]);
        Assert.Equal("ms", units["lwf.orchestrator.replay.duration"]);
        Assert.Equal("{step}", units["lwf.orchestrator.steps"]);
        Assert.Equal("{event}", units["lwf.orchestrator.history.size"]);
        Assert.Equal("ms", units["lwf.service.call.duration"]);
        Assert.Contains(seen["lwf.orchestrator.history.size"], t => t == "lwf.workflow=order-fulfillment");
        Assert.Contains(seen["lwf.orchestrator.call.latency"], t => t == "lwf.service=shipping,lwf.operation=ship,lwf.outcome=completed");
        Assert.Contains(seen["lwf.orchestrator.steps"], t => t == "lwf.workflow=order-fulfillment,lwf.message.type=StartWorkflow");
        Assert.Contains(seen["lwf.service.call.duration"], t => t == "lwf.service=payments,lwf.operation=charge,lwf.outcome=completed");
    }

    private static string Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            parts.Add($"{tag.Key}={tag.Value}");
        }

        return string.Join(',', parts);
    }
}
