using System.Text.Json.Nodes;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Local.Hosting;
using LambdaWorkflow.Local.Routing;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.ServiceHost;
using OrderFulfillment;
using OrderFulfillment.Domain;
using OrderFulfillment.Services;

namespace LambdaWorkflow.UnitTests.Infra;

[Collection(InfraRunAlone.Name)]
public sealed class ServiceRoutingTests
{
    private static readonly string ServiceTemplate = InfraTemplates.PathOf("service.yaml");

    public static TheoryData<string, string> Operations
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (service, operation) in SampleOperations.All)
            {
                data.Add(service, operation);
            }

            return data;
        }
    }

    [Fact]
    public void Samples_DeclareTheOperationsTheServiceModuleIsInstantiatedFor()
    {
        Assert.Equal(["inventory.release", "inventory.reserve", "payments.charge", "payments.refund", "shipping.ship"], SampleOperations.All.Select(o => $"{o.Service}.{o.Operation}"));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void CallRequested_ForEverySampleOperation_MatchesExactlyOneRuleOfTheDeployedModules(string service, string operation)
    {
        var core = CloudFormationRuleLoader.ReadRules(File.ReadAllText(InfraTemplates.PathOf("core.yaml")));
        var rules = new RuleSet(CloudFormationRuleLoader.LoadServiceRules(ServiceTemplate, SampleOperations.Services).Concat(Routed(core)));

        var matched = rules.Match(Event(service, operation));

        var rule = Assert.Single(matched);
        Assert.Equal($"lwf-dev-svc-{service}", rule.Name);
        Assert.Equal($"lwf-{service}", rule.Target);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void ServiceModule_RulePattern_IsTheEmbeddedRuntimesPattern(string service, string operation)
    {
        _ = operation;
        var rule = Assert.Single(CloudFormationRuleLoader.ReadRules(File.ReadAllText(ServiceTemplate), new Dictionary<string, string> { ["ServiceName"] = service }));

        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(EmbeddedRuntime.ServiceRulePattern(service)), JsonNode.Parse(rule.Pattern.ToString())),
            $"template: {rule.Pattern}{Environment.NewLine}embedded: {EmbeddedRuntime.ServiceRulePattern(service)}");
        Assert.Equal(["Queue"], rule.TargetResources);
    }

    [Theory]
    [InlineData("billing", CallRequestedEvent.DefaultSource, CallRequestedEvent.DetailTypeName)]
    [InlineData("inventory", "someone-else", CallRequestedEvent.DetailTypeName)]
    [InlineData("inventory", CallRequestedEvent.DefaultSource, "CallCompleted")]
    public void Event_NotACallToADeployedService_MatchesNoRule(string service, string source, string detailType)
    {
        var rules = new RuleSet(CloudFormationRuleLoader.LoadServiceRules(ServiceTemplate, SampleOperations.Services));
        var json = JsonNode.Parse(Event(service, "reserve"))!;
        json["source"] = source;
        json["detail-type"] = detailType;

        Assert.Empty(rules.Match(json.ToJsonString()));
    }

    [Fact]
    public async Task EmbeddedRuntime_RoutingByTheServiceModule_RunsTheSampleToTheEnd()
    {
        var options = new SampleOptions { Workflows = 20, Seed = 3, MaxLatencyMs = 1, TransientFailureRate = 0 };
        var services = new SampleServices(new FailurePlan(options)).Register(new ServiceRegistry());
        var workflows = new WorkflowRegistry().Add<OrderWorkflow, OrderRequest, OrderResult>(Workflows.Order);
        await using var runtime = new EmbeddedRuntime(workflows, services, new EmbeddedRuntimeOptions { ServiceRuleTemplate = ServiceTemplate });
        await runtime.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var ids = new List<string>();
        for (var i = 1; i <= options.Workflows; i++)
        {
            var order = SampleRunner.Order(options.Seed, i);
            ids.Add(await runtime.Client.StartAsync(Workflows.Order, order, order.OrderId, timeout.Token));
        }

        foreach (var id in ids)
        {
            var done = await runtime.Client.WaitForCompletionAsync(id, timeout.Token);
            Assert.Equal(WorkflowStatus.Completed, done!.Status);
        }

        Assert.Equal(SampleOperations.Services.Select(s => $"lwf-dev-svc-{s}"), runtime.Bus.Rules.Rules.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(0, runtime.Bus.Unrouted);
        Assert.True(runtime.Bus.Published >= 2 * options.Workflows);
    }

    private static IEnumerable<EventRule> Routed(IReadOnlyList<TemplateRule> rules) =>
        rules.Select(r => new EventRule(r.Name, r.Pattern, "core:" + r.LogicalId));

    private static string Event(string service, string operation) => new CallRequestedEvent
    {
        Id = "6a7e8f00-0000-4000-8000-000000000001",
        Account = "123456789012",
        Region = "eu-west-1",
        Time = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero),
        Resources = [],
        Detail = new CallRequest
        {
            CallId = "order-1#1",
            InstanceId = "order-1",
            Workflow = "order-fulfillment",
            Service = service,
            Operation = operation,
            ReplyTo = "https://sqs.eu-west-1.amazonaws.com/123456789012/lwf-dev-inbox.fifo",
            Payload = JsonPayload.Parse("""{"orderId":"order-1"}"""),
            RequestedAt = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero),
        },
    }.ToJson();
}
