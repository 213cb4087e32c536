using LambdaWorkflow.Local.Routing;

namespace LambdaWorkflow.UnitTests.Infra;

public sealed class FunctionTests
{
    public static TheoryData<string> Templates => TemplateReferenceTests.Templates;

    private static readonly Dictionary<string, string> Required = new(StringComparer.Ordinal)
    {
        ["CodeBucket"] = "artifacts-bucket",
        ["CodeKey"] = "functions.zip",
    };

    [Theory]
    [MemberData(nameof(Templates))]
    public void EventSourceMapping_ReportsBatchItemFailuresInBatchesOfAtMostTen(string name)
    {
        var template = InfraTemplates.ByName(name);
        var mappings = template.ResourcesOfType("AWS::Lambda::EventSourceMapping").ToList();

        Assert.NotEmpty(mappings);
        Assert.Equal("10", template.Parameters["BatchSize"].At("MaxValue").Text());
        foreach (var mapping in mappings)
        {
            var properties = template.ResourceProperties(mapping);
            Assert.Equal(["ReportBatchItemFailures"], properties.At("FunctionResponseTypes").OneOrMany().Select(n => n.Text()));
            Assert.Equal("BatchSize", properties.At("BatchSize").RefOf());
            Assert.Null(properties.At("MaximumBatchingWindowInSeconds")); // would add to the visibility timeout AWS asks for
            Assert.Equal("AWS::Lambda::Function", template.ResourceType(properties.At("FunctionName").RefOf()!));
            Assert.Equal("AWS::SQS::Queue", template.ResourceType(properties.At("EventSourceArn").GetAttOf()!.Value.Resource));
        }
    }

    [Theory]
    [InlineData("core", "OrchestratorFunction", "InboxQueue", "TimerQueue")]
    [InlineData("service", "Function", "Queue")]
    public void EventSourceMappings_FeedTheFunctionFromExactlyItsQueues(string name, string function, params string[] queues)
    {
        var template = InfraTemplates.ByName(name);

        var mapped = template.ResourcesOfType("AWS::Lambda::EventSourceMapping")
            .Select(template.ResourceProperties)
            .Select(p => (Function: p!.At("FunctionName").RefOf(), Queue: p.At("EventSourceArn").GetAttOf()!.Value.Resource))
            .ToList();

        Assert.All(mapped, m => Assert.Equal(function, m.Function));
        Assert.Equal(queues.Order(StringComparer.Ordinal), mapped.Select(m => m.Queue).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void ConsumedQueue_VisibilityTimeoutIsAtLeastSixTimesTheFunctionTimeout_ForEveryAllowedTimeout(string name)
    {
        var template = InfraTemplates.ByName(name);
        var timeouts = template.Parameters["FunctionTimeout"].At("AllowedValues").OneOrMany().Select(v => v.Text()!).ToList();

        Assert.Contains(template.Parameters["FunctionTimeout"].At("Default").Text(), timeouts);
        foreach (var mapping in template.ResourcesOfType("AWS::Lambda::EventSourceMapping").Select(template.ResourceProperties))
        {
            AssertVisibility(template, name, mapping!, timeouts);
        }
    }

    [Theory]
    [InlineData("core", "OrchestratorFunction", "OrchestratorHandler", "MyFunctions::MyFunctions.Orchestrator::HandleAsync")]
    [InlineData("service", "Function", "ServiceHandler", "MyFunctions::MyFunctions.InventoryFunction::HandleAsync")]
    public void Function_RunsOnTheManagedDotnet10RuntimeWithTheDocumentedHandler(string name, string function, string handlerParameter, string example)
    {
        var template = InfraTemplates.ByName(name);
        var properties = template.ResourceProperties(function);

        Assert.Equal("dotnet10", properties.At("Runtime").Text());
        Assert.Equal(handlerParameter, properties.At("Handler").RefOf());
        // The handler is a class of the user's assembly (the runtime needs a parameterless constructor there): no default.
        Assert.Null(template.Parameters[handlerParameter].At("Default"));
        Assert.Matches(template.Parameters[handlerParameter].At("AllowedPattern").Text()!, example);
        Assert.DoesNotMatch(template.Parameters[handlerParameter].At("AllowedPattern").Text()!, "Assembly::Type::Run");
        Assert.Equal("CodeBucket", properties.At("Code", "S3Bucket").RefOf());
        Assert.Equal("CodeKey", properties.At("Code", "S3Key").RefOf());
        Assert.Equal("FunctionTimeout", properties.At("Timeout").RefOf());
        Assert.Equal("MemorySize", properties.At("MemorySize").RefOf());
    }

    [Theory]
    [InlineData("core", "OrchestratorFunction", "LWF_INBOX_QUEUE_URL=Ref:InboxQueue", "LWF_INBOX_DLQ_URL=Ref:InboxDeadLetterQueue", "LWF_TIMER_QUEUE_URL=Ref:TimerQueue", "LWF_MAX_RECEIVE_COUNT=Ref:MaxReceiveCount", "LWF_TABLE_NAME=Ref:StateTable", "LWF_EVENT_BUS_NAME=Ref:EventBus", "LWF_SERVICE_QUEUES=If:DirectDispatch")]
    [InlineData("service", "Function", "LWF_INBOX_QUEUE_URL=Import:InboxQueue", "LWF_SERVICE_DLQ_URL=Ref:DeadLetterQueue", "LWF_MAX_RECEIVE_COUNT=Ref:MaxReceiveCount", "LWF_TABLE_NAME=Ref:IdempotencyTable")]
    public void Function_EnvironmentNamesItsOwnResources(string name, string function, params string[] expected)
    {
        // Ref of a queue is its URL, of a table or bus its name: what the LWF_* variables hold.
        var variables = InfraTemplates.ByName(name).ResourceProperties(function).At("Environment", "Variables") as YamlDotNet.RepresentationModel.YamlMappingNode;

        var actual = variables!.Children.Select(v => $"{v.Key}=" + (v.Value.RefOf() is { } r ? "Ref:" + r
            : v.Value.ImportOf() is { } i && TemplateNodes.CoreExport(i) is { How: "Ref" } e ? "Import:" + e.Resource
            : v.Value is YamlDotNet.RepresentationModel.YamlSequenceNode { Tag.Value: "!If" } when ? "If:" + when.Children[0]
            : v.Value.ToString()));

        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("inventory=https://sqs.eu-west-1.amazonaws.com/123456789012/lwf-dev-svc-inventory", "inventory=https://sqs.eu-west-1.amazonaws.com/123456789012/lwf-dev-svc-inventory")]
    public void Orchestrator_ServiceQueuesParameter_SetsDirectDispatchRoutesOnlyWhenGiven(string routes, string? expected)
    {
        var template = InfraTemplates.Core;
        var variable = template.ResourceProperties("OrchestratorFunction").At("Environment", "Variables", "LWF_SERVICE_QUEUES")!;
        var values = new Dictionary<string, string> { ["ServiceQueues"] = routes };

        var resolved = new IntrinsicResolver(template, values).Resolve(variable, "LWF_SERVICE_QUEUES");

        Assert.Equal(expected, resolved?.GetValue<string>());
        Assert.Equal(expected is not null, IamPolicyTests.IsTrue(template, "DirectDispatch", values));
        if (expected is not null)
        {
            // What the orchestrator reads from the variable: the same routes the code parses.
            Assert.Equal("inventory", Assert.Single(LambdaWorkflow.Aws.Sqs.SqsCommandPublisher.ParseRoutes(expected)).Key);
        }
    }

    [Theory]
    [InlineData("core", "OrchestratorFunction")]
    [InlineData("service", "Function")]
    public void Function_LogsToItsOwnLogGroupWithRetention(string name, string function)
    {
        var template = InfraTemplates.ByName(name);
        var properties = template.ResourceProperties(function);
        var logGroup = properties.At("LoggingConfig", "LogGroup").RefOf()!;
        var resolver = new IntrinsicResolver(template, template.Parameters.ContainsKey("ServiceName") ? new Dictionary<string, string> { ["ServiceName"] = "payments" } : null);

        Assert.Equal("AWS::Logs::LogGroup", template.ResourceType(logGroup));
        Assert.Equal("LogRetentionDays", template.ResourceProperties(logGroup).At("RetentionInDays").RefOf());
        Assert.Equal(
            "/aws/lambda/" + resolver.ResolveString(properties.At("FunctionName")!, "FunctionName"),
            resolver.ResolveString(template.ResourceProperties(logGroup).At("LogGroupName")!, "LogGroupName"));
    }

    private static void AssertVisibility(CloudFormationTemplate template, string name, YamlDotNet.RepresentationModel.YamlNode mapping, List<string> timeouts)
    {
        var queue = template.ResourceProperties(mapping.At("EventSourceArn").GetAttOf()!.Value.Resource)!;
        var function = template.ResourceProperties(mapping.At("FunctionName").RefOf()!)!;
        foreach (var value in timeouts)
        {
            var resolver = new IntrinsicResolver(template, new Dictionary<string, string>(Required) { ["FunctionTimeout"] = value, ["ServiceName"] = "inventory" }.Where(p => template.Parameters.ContainsKey(p.Key)).ToDictionary());
            var timeout = int.Parse(resolver.ResolveString(function.At("Timeout")!, "Timeout"), System.Globalization.CultureInfo.InvariantCulture);
            var visibility = int.Parse(resolver.ResolveString(queue.At("VisibilityTimeout")!, "VisibilityTimeout"), System.Globalization.CultureInfo.InvariantCulture);

            Assert.True(visibility >= 6 * timeout, $"{name}: timeout {timeout} s, visibility {visibility} s");
            Assert.True(visibility <= 43200, "SQS caps the visibility timeout at 12 hours");
        }
    }
}
