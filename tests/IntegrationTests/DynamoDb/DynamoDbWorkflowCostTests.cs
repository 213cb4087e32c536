using System.Globalization;
using Amazon.DynamoDBv2.Model;
using LambdaWorkflow.Aws.DynamoDb;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.Local.Hosting;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.ServiceHost;
using Xunit.Abstractions;

namespace LambdaWorkflow.IntegrationTests.DynamoDb;

/// <summary>
/// A three-call workflow end to end on the embedded runtime with its state in DynamoDB (dynalite), measuring the
/// requests and capacity units of every load and commit: the figures the cost model starts from.
/// </summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class DynamoDbWorkflowCostTests(EmulatorFixture emulators, ITestOutputHelper output)
{
    private static readonly EmulatorTable Table = new("cost");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ThreeCallWorkflow_EachTurn_IsOnePutOfOneWriteUnit(bool warm)
    {
        var tableName = await Table.GetNameAsync(emulators.Host);
        var store = new MeteredStateStore(new DynamoDbWorkflowStateStore(emulators.DynamoDb, new DynamoDbStateStoreOptions { TableName = tableName }));
        var services = new ServiceRegistry()
            .Map(OrderOperations.Reserve, (r, _, _) => Task.FromResult(new Reservation("res-" + r.OrderId)))
            .Map(OrderOperations.Charge, (r, _, _) => Task.FromResult(new Payment("pay-" + r.OrderId, r.Amount)))
            .Map(OrderOperations.Ship, (r, _, _) => Task.FromResult(new Shipment("TRK-" + r.OrderId)));
        var workflows = new WorkflowRegistry().Add<ShipOrderWorkflow, Order, string>(ShipOrderWorkflow.Definition);
        var options = new EmbeddedRuntimeOptions { Store = store };
        options.Orchestrator.WarmInstanceCapacity = warm ? 16 : 0;
        await using var runtime = new EmbeddedRuntime(workflows, services, options);
        await runtime.StartAsync();

        await runtime.Client.StartAsync(ShipOrderWorkflow.Definition, new Order("o-1001", "sku-42", 2, 59.90m));
        var finished = await store.Finished.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("\"TRK-o-1001\"", finished.Output.ToString());
        output.WriteLine(warm ? "Warm orchestrator (results applied in memory):" : "Cold orchestrator (every turn replays from the store):");
        foreach (var m in store.Measurements)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{m.What,-44} events {m.Events,2}  requests {m.Usage.TotalRequests} (get {m.Usage.GetItemRequests}, query {m.Usage.QueryRequests}, batch {m.Usage.BatchWriteItemRequests}, put {m.Usage.PutItemRequests})  RCU {m.Usage.ReadCapacityUnits}  WCU {m.Usage.WriteCapacityUnits}"));
        }

        // Start, then one turn per result: the whole history rides in the metadata item, under 1 KB, so every turn is
        // one PutItem of 1 WCU, and every load one GetItem.
        var commits = store.Measurements.Where(m => m.What.StartsWith("commit", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, commits.Count);
        Assert.All(commits, c => Assert.Equal((0, 1, 1.0), (c.Usage.BatchWriteItemRequests, c.Usage.PutItemRequests, c.Usage.WriteCapacityUnits)));
        Assert.All(store.Measurements, m => Assert.Equal(0, m.Usage.QueryRequests));
        Assert.All(store.Measurements, m => Assert.Equal(0, m.Usage.Retries));
        var stored = await emulators.DynamoDb.GetItemAsync(new GetItemRequest { TableName = tableName, Key = StateKeys.MetadataKey(finished.InstanceId), ConsistentRead = true });
        Assert.True(stored.Item.ContainsKey(StateAttributes.TimeToLive));
    }

    private sealed record Order(string OrderId, string Sku, int Quantity, decimal Amount);

    private sealed record ReserveStock(string OrderId, string Sku, int Quantity);

    private sealed record Reservation(string ReservationId);

    private sealed record ChargeCard(string OrderId, decimal Amount);

    private sealed record Payment(string PaymentId, decimal Amount);

    private sealed record ShipOrder(string OrderId, string ReservationId);

    private sealed record Shipment(string TrackingNumber);

    private static class OrderOperations
    {
        public static readonly ServiceOperation<ReserveStock, Reservation> Reserve = new("inventory", "reserve");
        public static readonly ServiceOperation<ChargeCard, Payment> Charge = new("payments", "charge");
        public static readonly ServiceOperation<ShipOrder, Shipment> Ship = new("shipping", "ship");
    }

    private sealed class ShipOrderWorkflow : IWorkflow<Order, string>
    {
        public static readonly WorkflowDefinition<Order, string> Definition = new("ship-order");

        public async Task<string> RunAsync(WorkflowContext<Order> context)
        {
            var order = context.Request;
            var reservation = await context.CallAsync(OrderOperations.Reserve, new ReserveStock(order.OrderId, order.Sku, order.Quantity));
            await context.CallAsync(OrderOperations.Charge, new ChargeCard(order.OrderId, order.Amount));
            var shipment = await context.CallAsync(OrderOperations.Ship, new ShipOrder(order.OrderId, reservation.ReservationId));
            return shipment.TrackingNumber;
        }
    }
}
