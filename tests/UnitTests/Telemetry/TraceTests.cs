using System.Diagnostics;
using LambdaWorkflow.Local.Hosting;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.Orchestrator.Telemetry;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.ServiceHost.Telemetry;
using OrderFulfillment;
using OrderFulfillment.Domain;
using OrderFulfillment.Services;

namespace LambdaWorkflow.UnitTests.Telemetry;

public sealed class TraceTests
{
    [Fact]
    public async Task OrderWorkflow_OneTrace_SpansOrchestratorServiceOrchestratorAsParentAndChild()
    {
        using var recorder = new SpanRecorder();
        var (root, instanceId) = await RunOneOrderAsync();

        var spans = await recorder.WaitForAsync(root.TraceId, expected: 1 + 4 + 3);
        var turns = spans.Where(s => s.OperationName == WorkflowTelemetry.TurnActivityName).ToList();
        var handles = spans.Where(s => s.OperationName == ServiceTelemetry.HandleActivityName).ToList();
        Assert.All(turns, t => Assert.Equal(instanceId, t.GetTagItem("lwf.instance_id")));

        // The start turn continues the caller's span; it dispatches reserve and charge in parallel.
        var start = Assert.Single(turns, t => (string?)t.GetTagItem("lwf.message.type") == "StartWorkflow");
        Assert.Equal(root.SpanId, start.ParentSpanId);
        var first = handles.Where(h => h.ParentSpanId == start.SpanId).Select(Operation).Order().ToList();
        Assert.Equal(["inventory.reserve", "payments.charge"], first);

        // Each reply's turn is the child of the service span that answered it.
        var replyTurns = turns.Where(t => (string?)t.GetTagItem("lwf.message.type") == "CallCompleted").ToList();
        Assert.Equal(3, replyTurns.Count);
        Assert.All(replyTurns, t => Assert.Contains(handles, h => h.SpanId == t.ParentSpanId));

        // Shipping is dispatched by the turn that applied the second of the parallel results.
        var ship = Assert.Single(handles, h => Operation(h) == "shipping.ship");
        var shipTurn = Assert.Single(replyTurns, t => t.SpanId == ship.ParentSpanId);
        Assert.Contains(handles.Where(h => first.Contains(Operation(h))), h => h.SpanId == shipTurn.ParentSpanId);
        Assert.Equal("Completed", replyTurns.Single(t => handles.Single(h => h.SpanId == t.ParentSpanId) == ship).GetTagItem("lwf.status"));
        Assert.All(turns.Concat(handles), s => Assert.Equal(ActivityKind.Consumer, s.Kind));
    }

    [Fact]
    public void TraceParent_NoListener_StartsNothing()
    {
        var source = new ActivitySource("LambdaWorkflow.UnitTests.Unlistened");

        Assert.Null(LambdaWorkflow.Contracts.Tracing.TraceParent.StartConsumer(source, "x", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    }

    private static string Operation(Activity span) => $"{span.GetTagItem("lwf.service")}.{span.GetTagItem("lwf.operation")}";

    private static async Task<(Activity Root, string InstanceId)> RunOneOrderAsync()
    {
        var options = new SampleOptions { PaymentDeclineRate = 0, OutOfStockRate = 0, ShippingFailureRate = 0, TransientFailureRate = 0, MinLatencyMs = 0, MaxLatencyMs = 1 };
        var services = new SampleServices(new FailurePlan(options)).Register(new ServiceRegistry());
        var registry = new WorkflowRegistry().Add<OrderWorkflow, OrderRequest, OrderResult>(Workflows.Order);
        await using var runtime = new EmbeddedRuntime(registry, services);
        await runtime.StartAsync();
        var order = SampleRunner.Order(seed: 7, index: 1) with { OrderId = "trace-" + Guid.NewGuid().ToString("N") };
        using var root = SpanRecorder.TestSource.StartActivity("test start")!;
        var id = await runtime.Client.StartAsync(Workflows.Order, order, order.OrderId);
        root.Stop();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await runtime.Client.WaitForCompletionAsync(id, timeout.Token);
        Assert.Equal(WorkflowStatus.Completed, done.Status);
        return (root, id);
    }
}
