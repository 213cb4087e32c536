using LambdaWorkflow.Local.Routing;

namespace LambdaWorkflow.UnitTests.Infra;

public sealed class IamPolicyTests
{
    public static TheoryData<string> Functions => [.. CodeIamActions.Functions];

    [Theory]
    [MemberData(nameof(Functions))]
    public void FunctionRole_GrantsExactlyTheCallsItsCodeMakes(string function)
    {
        var expected = CodeIamActions.All.Where(g => g.Function == function).Select(g => $"{g.Action} on {g.Resource} if {g.Condition ?? "always"}").Order(StringComparer.Ordinal);

        var actual = FunctionPolicies.Grants(function).Select(g => $"{g.Action} on {g.Resource} if {g.Condition ?? "always"}").Order(StringComparer.Ordinal);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void EveryCodeAction_AppearsInThePoliciesOfExactlyTheFunctionsThatCallIt()
    {
        var granted = CodeIamActions.Functions.SelectMany(f => FunctionPolicies.Grants(f).Select(g => (Function: f, g.Action, g.Resource))).ToList();

        foreach (var call in CodeIamActions.All.DistinctBy(c => (c.Action, c.Resource)))
        {
            var callers = CodeIamActions.All.Where(c => c.Action == call.Action && c.Resource == call.Resource).Select(c => c.Function).Order(StringComparer.Ordinal).ToList();
            var holders = granted.Where(g => g.Action == call.Action && g.Resource == call.Resource).Select(g => g.Function).Distinct().Order(StringComparer.Ordinal).ToList();
            Assert.True(holders.SequenceEqual(callers), $"{call.Action} on {call.Resource} is granted to [{string.Join(", ", holders)}], called by [{string.Join(", ", callers)}]");
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void FunctionRole_HasNoManagedPoliciesAndOnlyLambdaMayAssumeIt(string function)
    {
        var (_, template, role) = FunctionPolicies.RoleOf(function);

        Assert.Null(role.At("Properties", "ManagedPolicyArns"));
        Assert.Null(role.At("Properties", "PermissionsBoundary"));
        Assert.Empty(template.ResourcesOfType("AWS::IAM::Policy").Concat(template.ResourcesOfType("AWS::IAM::ManagedPolicy")));
        foreach (var (name, other) in InfraTemplates.All)
        {
            // The only standalone policy is the direct-dispatch grant, made by a service stack on a condition.
            Assert.All(other.ResourcesOfType("AWS::IAM::Policy").Concat(other.ResourcesOfType("AWS::IAM::ManagedPolicy")), id => Assert.Fail($"{name}:{id}"));
            Assert.All(other.ResourcesOfType("AWS::IAM::RolePolicy"), id => Assert.NotNull(other.Resources[id].At("Condition").Text()));
        }

        var trust = Assert.Single(role.At("Properties", "AssumeRolePolicyDocument", "Statement").OneOrMany());
        Assert.Equal("lambda.amazonaws.com", trust.At("Principal", "Service").Text());
        Assert.Equal("sts:AssumeRole", trust.At("Action").Text());
    }

    [Theory]
    [MemberData(nameof(TemplateReferenceTests.Templates), MemberType = typeof(TemplateReferenceTests))]
    public void EveryStatement_AllowsNamedActionsOnNamedResources(string name)
    {
        // No statement in these templates needs "*": no action used here is one that AWS only grants on all resources.
        foreach (var (where, statement) in FunctionPolicies.AllStatements(InfraTemplates.ByName(name)))
        {
            Assert.Equal("Allow", statement.At("Effect").Text());
            Assert.Null(statement.At("NotAction"));
            Assert.Null(statement.At("NotResource"));
            var resources = statement.At("Resource").OneOrMany();
            Assert.NotEmpty(resources);
            Assert.All(resources, r => Assert.False(r.Text() is { } text && text.Contains('*', StringComparison.Ordinal), $"{where}: wildcard resource '{r.Text()}'"));
            Assert.All(statement.At("Action").OneOrMany(), a => Assert.Matches("^[a-z0-9]+:[A-Za-z]+$", a.Text() ?? $"<{where}: action is no literal>"));
        }
    }

    [Fact]
    public void DirectDispatch_GrantsTheOrchestratorSendOnThisServiceQueueOnlyWhenChosen()
    {
        var template = InfraTemplates.Service;
        var (_, _, policy) = Assert.Single(FunctionPolicies.AttachedPolicies(CodeIamActions.Orchestrator));

        Assert.Equal("IsDirectDispatch", policy.At("Condition").Text());
        Assert.True(IsTrue(template, "IsDirectDispatch", new() { ["ServiceName"] = "inventory", ["DirectDispatch"] = "true" }));
        Assert.False(IsTrue(template, "IsDirectDispatch", new() { ["ServiceName"] = "inventory" }));
        var statement = Assert.Single(policy.At("Properties", "PolicyDocument", "Statement").OneOrMany());
        Assert.Equal("sqs:SendMessage", statement.At("Action").Text());
        Assert.Equal(("Queue", "Arn"), statement.At("Resource").GetAttOf());
        Assert.Empty(FunctionPolicies.AttachedPolicies(CodeIamActions.Service));
    }

    [Fact]
    public void ServiceQueues_AcceptMessagesOnlyFromTheirOwnRule()
    {
        var template = InfraTemplates.Service;
        var rule = Assert.Single(template.ResourcesOfType("AWS::Events::Rule"));
        var target = Assert.Single(template.ResourceProperties(rule).At("Targets").OneOrMany());
        var queues = new[] { target.At("Arn").GetAttOf()!.Value.Resource, target.At("DeadLetterConfig", "Arn").GetAttOf()!.Value.Resource };

        foreach (var queue in queues)
        {
            var policy = Assert.Single(template.ResourcesOfType("AWS::SQS::QueuePolicy"), p => template.ResourceProperties(p).At("Queues").OneOrMany().Any(q => q.RefOf() == queue));
            var statement = Assert.Single(template.ResourceProperties(policy).At("PolicyDocument", "Statement").OneOrMany());
            Assert.Equal("events.amazonaws.com", statement.At("Principal", "Service").Text());
            Assert.Equal("sqs:SendMessage", statement.At("Action").Text());
            Assert.Equal((queue, "Arn"), statement.At("Resource").GetAttOf());
            Assert.Equal((rule, "Arn"), statement.At("Condition", "ArnEquals", "aws:SourceArn").GetAttOf());
            Assert.Single(template.ResourceProperties(policy).At("Queues").OneOrMany());
        }
    }

    /// <summary>Evaluates a template condition for the parameter values, through an <c>Fn::If</c> on it.</summary>
    internal static bool IsTrue(CloudFormationTemplate template, string condition, Dictionary<string, string> values)
    {
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader($$"""{"Fn::If": [{{condition}}, "yes", "no"]}"""));
        return new IntrinsicResolver(template, values).ResolveString(yaml.Documents[0].RootNode, condition) == "yes";
    }
}
