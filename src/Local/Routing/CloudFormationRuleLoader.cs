using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace LambdaWorkflow.Local.Routing;

/// <summary>
/// Reads the EventBridge rules (<c>AWS::Events::Rule</c>) of a CloudFormation template, so that the embedded runtime
/// routes calls with the very definitions that are deployed (<c>infra/service.yaml</c>) instead of a copy of them.
/// </summary>
public static class CloudFormationRuleLoader
{
    private const string RuleType = "AWS::Events::Rule";
    private const string QueueType = "AWS::SQS::Queue";

    // The pattern text is only read by the matcher and shown in messages: keep '>' and '<' of numeric operators readable.
    private static readonly JsonSerializerOptions PatternJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads every enabled rule of a template.</summary>
    /// <param name="templateText">The template, YAML (short-form tags such as <c>!Ref</c> and <c>!Sub</c> included) or JSON.</param>
    /// <param name="parameters">Parameter values; parameters not given take their <c>Default</c>.</param>
    /// <exception cref="CloudFormationTemplateException">The template cannot be read, a parameter is missing or breaks its constraints, or a rule's pattern uses a value only known after deployment.</exception>
    /// <exception cref="EventPatternException">A rule's pattern is not a valid event pattern.</exception>
    public static IReadOnlyList<TemplateRule> ReadRules(string templateText, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var template = CloudFormationTemplate.Parse(templateText);
        var resolver = new IntrinsicResolver(template, parameters);
        var rules = new List<TemplateRule>();
        foreach (var (logicalId, _) in template.Resources)
        {
            if (template.ResourceType(logicalId) != RuleType)
            {
                continue;
            }

            var path = $"Resources.{logicalId}.Properties";
            var properties = template.ResourceProperties(logicalId) ?? throw new CloudFormationTemplateException(path, "is missing", null);

            // A disabled rule routes nothing on AWS, so it routes nothing here either.
            if (CloudFormationTemplate.Child(properties, "State") is { } state
                && resolver.ResolveString(state, path + ".State") == "DISABLED")
            {
                continue;
            }

            var name = CloudFormationTemplate.Child(properties, "Name") is { } nameNode ? resolver.ResolveString(nameNode, path + ".Name") : logicalId;
            rules.Add(new TemplateRule(logicalId, name, Pattern(properties, resolver, path), Targets(properties, path)));
        }

        return rules;
    }

    /// <summary>
    /// Instantiates a service module once per service (its <c>ServiceName</c> parameter set to the service) and
    /// returns its rules with the embedded runtime's queue of that service as their target.
    /// </summary>
    /// <param name="templatePath">The service module, such as <c>infra/service.yaml</c>.</param>
    /// <param name="services">The services to instantiate it for.</param>
    /// <param name="queuePrefix">The embedded runtime's service queue prefix; the target is <c>{queuePrefix}{service}</c>.</param>
    /// <param name="parameters">Other parameter values; those not given take their <c>Default</c>.</param>
    /// <exception cref="CloudFormationTemplateException">As for <see cref="ReadRules"/>, or a rule does not target exactly one queue of the module: the embedded runtime can deliver only to the service's queue.</exception>
    /// <exception cref="EventPatternException">A rule's pattern is not a valid event pattern.</exception>
    public static IReadOnlyList<EventRule> LoadServiceRules(
        string templatePath,
        IEnumerable<string> services,
        string queuePrefix = "lwf-",
        IReadOnlyDictionary<string, string>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(queuePrefix);
        var text = File.ReadAllText(templatePath);
        var template = CloudFormationTemplate.Parse(text);
        var rules = new List<EventRule>();
        foreach (var service in services)
        {
            var values = new Dictionary<string, string>(parameters ?? new Dictionary<string, string>(), StringComparer.Ordinal)
            {
                ["ServiceName"] = service,
            };
            foreach (var rule in ReadRules(text, values))
            {
                if (rule.TargetResources.Count != 1 || template.ResourceType(rule.TargetResources[0]) != QueueType)
                {
                    throw new CloudFormationTemplateException(
                        $"Resources.{rule.LogicalId}.Properties.Targets",
                        "must name exactly one queue of the module (Arn: !GetAtt Queue.Arn): the embedded runtime delivers only to the service's queue",
                        null);
                }

                rules.Add(new EventRule(rule.Name, rule.Pattern, queuePrefix + service));
            }
        }

        return rules;
    }

    private static EventPattern Pattern(YamlMappingNode properties, IntrinsicResolver resolver, string path)
    {
        var node = CloudFormationTemplate.Child(properties, "EventPattern")
            ?? throw new CloudFormationTemplateException(path, "has no EventPattern (scheduled rules do not route calls)", null);

        // CloudFormation takes the pattern as an object or as JSON text.
        var resolved = resolver.Resolve(node, path + ".EventPattern");
        var json = resolved is JsonValue text && text.TryGetValue<string>(out var s) ? s : resolved?.ToJsonString(PatternJson);
        return EventPattern.Parse(json ?? "null");
    }

    private static List<string> Targets(YamlMappingNode properties, string path)
    {
        var targets = new List<string>();
        if (CloudFormationTemplate.Child(properties, "Targets") is not YamlSequenceNode list)
        {
            return targets;
        }

        foreach (var target in list.Children)
        {
            if (CloudFormationTemplate.Child(target, "Arn") is { } arn
                && Intrinsic.TryRead(arn, out var function, out var argument)
                && function == "Fn::GetAtt"
                && GetAttTarget(argument) is { } resource)
            {
                targets.Add(resource);
            }
            else
            {
                targets.Add(string.Empty); // a target outside the template: an ARN, a parameter or an import
            }
        }

        return targets;
    }

    /// <summary>The resource of <c>!GetAtt X.Arn</c> or <c>Fn::GetAtt: [X, Arn]</c>.</summary>
    private static string? GetAttTarget(YamlNode argument) => argument switch
    {
        YamlScalarNode { Value: { } dotted } when dotted.EndsWith(".Arn", StringComparison.Ordinal) => dotted[..^4],
        YamlSequenceNode { Children: [YamlScalarNode { Value: { } id }, YamlScalarNode { Value: "Arn" }] } => id,
        _ => null,
    };
}
