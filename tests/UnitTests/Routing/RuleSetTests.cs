using System.Text.Json;
using LambdaWorkflow.Local.Routing;

namespace LambdaWorkflow.UnitTests.Routing;

public class RuleSetTests
{
    private static readonly EventRule InventoryRule = new(
        "inventory-calls",
        EventPattern.Parse("""{ "detail": { "service": [ "inventory" ] } }"""),
        "inventory-commands");

    private static readonly EventRule PaymentsRule = new(
        "payments-calls",
        EventPattern.Parse("""
            { "source": [ "lambda-workflow" ], "detail-type": [ "CallRequested" ], "detail": { "service": [ "payments" ] } }
            """),
        "payments-commands");

    private static string CallRequested(string service, string operation) => $$"""
        {
          "version": "0",
          "id": "0b1c6a53-5f0e-4f0c-9d44-0e1f2a3b4c5d",
          "detail-type": "CallRequested",
          "source": "lambda-workflow",
          "account": "123456789012",
          "time": "2026-11-25T18:24:46Z",
          "region": "eu-west-1",
          "resources": [],
          "detail": {
            "service": "{{service}}",
            "operation": "{{operation}}",
            "callId": "order-42/3",
            "replyTo": "https://sqs.eu-west-1.amazonaws.com/123456789012/orchestrator-inbox",
            "payload": { "sku": "A-1", "quantity": 2 }
          }
        }
        """;

    [Theory]
    [InlineData("inventory", "reserve", "inventory-calls", "inventory-commands")]
    [InlineData("payments", "charge", "payments-calls", "payments-commands")]
    public void Match_CallRequestedEvent_RoutesToExactlyTheServiceRule(string service, string operation, string rule, string target)
    {
        var rules = new RuleSet([InventoryRule, PaymentsRule]);

        var matched = rules.Match(CallRequested(service, operation));

        var only = Assert.Single(matched);
        Assert.Equal(rule, only.Name);
        Assert.Equal(target, only.Target);
    }

    [Fact]
    public void Match_UnknownService_MatchesNoRule()
    {
        var rules = new RuleSet([InventoryRule, PaymentsRule]);

        Assert.Empty(rules.Match(CallRequested("shipping", "book")));
    }

    [Fact]
    public void Match_PaymentsEventFromAnotherSource_MatchesNoRule()
    {
        var rules = new RuleSet([InventoryRule, PaymentsRule]);
        var @event = CallRequested("payments", "charge").Replace("\"source\": \"lambda-workflow\"", "\"source\": \"billing\"", StringComparison.Ordinal);

        Assert.Empty(rules.Match(@event));
    }

    [Fact]
    public void Match_SeveralRulesMatch_ReturnsAllInRuleOrder()
    {
        var audit = new EventRule("audit", EventPattern.Parse("""{ "source": [ "lambda-workflow" ] }"""), "audit-log");
        var rules = new RuleSet([audit, PaymentsRule, InventoryRule]);
        using var document = JsonDocument.Parse(CallRequested("inventory", "reserve"));

        var matched = rules.Match(document.RootElement);

        Assert.Equal(["audit", "inventory-calls"], matched.Select(r => r.Name));
    }

    [Fact]
    public void Constructor_DuplicateRuleNames_ThrowsArgumentException()
    {
        var copy = InventoryRule with { Target = "elsewhere" };

        Assert.Throws<ArgumentException>(() => new RuleSet([InventoryRule, copy]));
    }

    [Fact]
    public void Constructor_NullRule_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new RuleSet([InventoryRule, null!]));
    }

    [Fact]
    public void Rules_ReturnsRulesInGivenOrder()
    {
        var rules = new RuleSet([PaymentsRule, InventoryRule]);

        Assert.Equal([PaymentsRule, InventoryRule], rules.Rules);
    }
}
