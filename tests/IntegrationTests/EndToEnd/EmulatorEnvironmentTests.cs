using LambdaWorkflow.Aws.EventBridge;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.ServiceHost;
using OrderFulfillment.Domain;
using static LambdaWorkflow.IntegrationTests.EndToEnd.EndToEndTesting;

namespace LambdaWorkflow.IntegrationTests.EndToEnd;

/// <summary>The deployment's EventBridge leg: entries published through the real client reach the right queue, as the whole event.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class EmulatorEnvironmentTests(EmulatorFixture emulators)
{
    [Fact]
    public async Task Publish_CallForAService_ArrivesInItsQueueAsTheWholeEvent()
    {
        await using var environment = await CreateAsync();
        var command = Command("inventory");

        await PublishAsync(environment, command);

        var message = Assert.Single(await WaitForMessagesAsync(environment, environment.ServiceQueues["inventory"].Queue));
        var delivered = CallRequestedEvent.Parse(message.Body);
        Assert.Equal(command, delivered.Detail);
        Assert.Equal(EmulatorEnvironment.Account, delivered.Account);
        Assert.Equal(EmulatorHost.Region, delivered.Region);
        Assert.False(string.IsNullOrEmpty(delivered.Id));
        Assert.Equal(1, environment.Router.Delivered);
        Assert.Empty(await environment.DrainAsync(environment.ServiceQueues["payments"].Queue));
    }

    [Fact]
    public async Task Publish_CallForAnUnknownService_IsKeptInTheUnroutedQueueNotLost()
    {
        await using var environment = await CreateAsync();

        await PublishAsync(environment, Command("warehouse"));

        var message = Assert.Single(await WaitForMessagesAsync(environment, environment.Unrouted));
        Assert.Equal("warehouse", CallRequestedEvent.Parse(message.Body).Detail!.Service);
        Assert.Equal(1, environment.Router.Unrouted);
        Assert.Equal(0, environment.Router.Delivered);
    }

    // Not started: nothing polls, so the queues keep what arrives.
    private Task<EmulatorEnvironment> CreateAsync() =>
        EmulatorEnvironment.CreateAsync(
            emulators.Host,
            new WorkflowRegistry(),
            new ServiceRegistry()
                .Map(Inventory.Reserve, (request, _, _) => Task.FromResult(new Reservation("r", request.Sku, request.Quantity)))
                .Map(Payments.Charge, (request, _, _) => Task.FromResult(new Payment("p", request.Amount))),
            FastOptions());

    private static async Task PublishAsync(EmulatorEnvironment environment, CallRequest command)
    {
        var options = new EventBridgeClientOptions
        {
            ServiceUrl = environment.EventBridge.ServiceUrl,
            Region = EmulatorHost.Region,
            Credentials = EmulatorHost.Credentials,
        };
        using var client = new EventBridgePutEventsClient(options);
        await new EventBridgeCommandPublisher(client, options).PublishAsync([command]);
    }

    private static CallRequest Command(string service) => new()
    {
        CallId = CallIds.Create("order-7", 1),
        InstanceId = "order-7",
        Workflow = "order-fulfillment",
        Service = service,
        Operation = "reserve",
        Attempt = 1,
        ReplyTo = "http://127.0.0.1:1/000000000000/inbox.fifo",
        Payload = JsonPayload.Parse("""{"sku":"BOOK-1"}"""),
        RequestedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };
}
