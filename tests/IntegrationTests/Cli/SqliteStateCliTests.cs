using LambdaWorkflow.Cli;
using LambdaWorkflow.Local.Hosting;
using LambdaWorkflow.Local.State;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.TestSupport;
using OrderFulfillment;
using OrderFulfillment.Domain;
using OrderFulfillment.Services;

namespace LambdaWorkflow.IntegrationTests.Cli;

/// <summary>lwf against the embedded runtime's SQLite state, after the sample's workflow really ran.</summary>
public sealed class SqliteStateCliTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lwf-cli-sqlite-").FullName;

    private string Database => Path.Combine(_directory, "state.db");

    public async Task InitializeAsync()
    {
        var options = new SampleOptions { PaymentDeclineRate = 0, OutOfStockRate = 0, ShippingFailureRate = 0, TransientFailureRate = 0, MinLatencyMs = 0, MaxLatencyMs = 1 };
        var registry = new WorkflowRegistry().Add<OrderWorkflow, OrderRequest, OrderResult>(Workflows.Order);
        var services = new SampleServices(new FailurePlan(options)).Register(new ServiceRegistry());
        await using var runtime = new EmbeddedRuntime(registry, services, new EmbeddedRuntimeOptions { Store = new SqliteWorkflowStateStore(Database) });
        await runtime.StartAsync();
        foreach (var index in new[] { 1, 2 })
        {
            var order = SampleRunner.Order(seed: 3, index);
            await runtime.Client.StartAsync(Workflows.Order, order, order.OrderId);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Assert.Equal(WorkflowStatus.Completed, (await runtime.Client.WaitForCompletionAsync(order.OrderId, timeout.Token)).Status);
        }
    }

    [Fact]
    public async Task Instances_SqliteState_ListsBothOrders()
    {
        var run = await CliRun.RunAsync(null, "instances", "--db", Database, "--workflow", Workflows.Order.Name, "-o", "json");

        var instances = run.Json().EnumerateArray().ToList();
        Assert.Equal(["order-3-000001", "order-3-000002"], instances.Select(i => i.GetProperty("instanceId").GetString()).Order());
        Assert.All(instances, i => Assert.Equal("Completed", i.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Show_SqliteState_TimelineHasTheParallelCallsThenShipping()
    {
        var run = await CliRun.RunAsync(null, "show", "order-3-000001", "--db", Database, "-o", "json");

        var details = run.Json();
        Assert.Equal("Completed", details.GetProperty("instance").GetProperty("status").GetString());
        var timeline = details.GetProperty("timeline").EnumerateArray().ToList();
        var scheduled = timeline.Where(e => e.GetProperty("type").GetString() == "CallScheduled")
            .Select(e => $"{e.GetProperty("service").GetString()}.{e.GetProperty("operation").GetString()}").ToList();
        Assert.Equal(["inventory.reserve", "payments.charge", "shipping.ship"], scheduled);
        Assert.All(timeline.Where(e => e.GetProperty("type").GetString() == "CallCompleted"), e => Assert.True(e.GetProperty("durationMs").GetDouble() >= 0));
        Assert.Equal("WorkflowCompleted", timeline[^1].GetProperty("type").GetString());
        Assert.StartsWith("TRK-", details.GetProperty("instance").GetProperty("output").GetProperty("trackingNumber").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SqliteState_SaysTheEmbeddedInboxIsOutOfReach()
    {
        var run = await CliRun.RunAsync(null, "start", Workflows.Order.Name, "--input", "{}", "--db", Database);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("in-memory queue of the process that runs it", run.Stderr, StringComparison.Ordinal);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
