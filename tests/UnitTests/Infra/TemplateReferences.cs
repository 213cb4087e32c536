using System.Text.RegularExpressions;
using LambdaWorkflow.Local.Routing;
using YamlDotNet.RepresentationModel;

namespace LambdaWorkflow.UnitTests.Infra;

/// <summary>
/// Walks a whole template and reports every reference that would not resolve on deployment: <c>Ref</c>,
/// <c>Fn::GetAtt</c> (attribute included), each <c>${}</c> of <c>Fn::Sub</c>, <c>Fn::FindInMap</c> keys, conditions,
/// <c>DependsOn</c>, and functions CloudFormation does not have.
/// </summary>
internal sealed partial class TemplateReferences(CloudFormationTemplate template)
{
    /// <summary>The attributes <c>Fn::GetAtt</c> may read, per resource type used in the templates.</summary>
    private static readonly Dictionary<string, string[]> Attributes = new(StringComparer.Ordinal)
    {
        ["AWS::SQS::Queue"] = ["Arn", "QueueName", "QueueUrl"],
        ["AWS::SQS::QueuePolicy"] = ["Id"],
        ["AWS::Events::EventBus"] = ["Arn", "Name", "Policy"],
        ["AWS::Events::Rule"] = ["Arn"],
        ["AWS::DynamoDB::Table"] = ["Arn", "StreamArn"],
        ["AWS::Lambda::Function"] = ["Arn"],
        ["AWS::Lambda::EventSourceMapping"] = ["EventSourceMappingArn", "Id"],
        ["AWS::IAM::Role"] = ["Arn", "RoleId"],
        ["AWS::IAM::RolePolicy"] = [],
        ["AWS::Logs::LogGroup"] = ["Arn"],
        ["AWS::CloudWatch::Alarm"] = ["Arn"],
    };

    private static readonly HashSet<string> Functions = new(StringComparer.Ordinal)
    {
        "Ref", "Condition", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::FindInMap", "Fn::If",
        "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Fn::ImportValue", "Fn::Base64", "Fn::GetAZs", "Fn::Cidr",
    };

    private readonly List<string> _problems = [];
    private readonly HashSet<string> _usedParameters = new(StringComparer.Ordinal);

    /// <summary>Every reference that does not resolve; empty when all do.</summary>
    public IReadOnlyList<string> Problems()
    {
        _problems.Clear();
        foreach (var (id, resource) in template.Resources)
        {
            CheckResourceAttributes(id, resource);
            Walk(resource, $"Resources.{id}");
        }

        foreach (var (name, output) in template.Outputs)
        {
            Walk(output, $"Outputs.{name}");
        }

        foreach (var (name, condition) in template.Conditions)
        {
            Walk(condition, $"Conditions.{name}");
        }

        return [.. _problems];
    }

    /// <summary>Parameters nothing refers to.</summary>
    public IReadOnlyList<string> UnusedParameters()
    {
        Problems();
        return [.. template.Parameters.Keys.Where(p => !_usedParameters.Contains(p))];
    }

    private void CheckResourceAttributes(string id, YamlNode resource)
    {
        if (template.ResourceType(id) is not { } type || !Attributes.ContainsKey(type))
        {
            _problems.Add($"Resources.{id}: type '{template.ResourceType(id)}' is not one the tests know the attributes of");
        }

        foreach (var dependency in resource.At("DependsOn").OneOrMany())
        {
            if (!template.Resources.ContainsKey(dependency.Text() ?? string.Empty))
            {
                _problems.Add($"Resources.{id}.DependsOn: no resource '{dependency.Text()}'");
            }
        }

        if (resource.At("Condition").Text() is { } condition && !template.Conditions.ContainsKey(condition))
        {
            _problems.Add($"Resources.{id}.Condition: no condition '{condition}'");
        }
    }

    private void Walk(YamlNode node, string path)
    {
        if (Intrinsic.TryRead(node, out var function, out var argument))
        {
            Check(function, argument, path);
        }

        // A tagged node is its own argument: walking its children covers what the function holds.
        switch (node)
        {
            case YamlSequenceNode list:
                for (var i = 0; i < list.Children.Count; i++)
                {
                    Walk(list.Children[i], $"{path}[{i}]");
                }

                break;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    Walk(value, $"{path}.{((YamlScalarNode)key).Value}");
                }

                break;
        }
    }

    private void Check(string function, YamlNode argument, string path)
    {
        switch (function)
        {
            case "Ref":
                CheckName(((YamlScalarNode)argument).Value ?? string.Empty, path, "Ref");
                break;
            case "Fn::GetAtt":
                var getAtt = argument is YamlScalarNode { Value: { } dotted } ? dotted : string.Join('.', ((YamlSequenceNode)argument).Children);
                CheckAttribute(getAtt, path);
                break;
            case "Fn::Sub":
                CheckSub(argument, path);
                break;
            case "Fn::FindInMap":
                CheckFindInMap((YamlSequenceNode)argument, path);
                break;
            case "Fn::If":
                CheckCondition(((YamlSequenceNode)argument).Children[0].Text(), path);
                break;
            case "Condition":
                CheckCondition(((YamlScalarNode)argument).Value, path);
                break;
            case var other when !Functions.Contains(other):
                _problems.Add($"{path}: CloudFormation has no function '{other}'");
                break;
        }
    }

    private void CheckName(string name, string path, string how)
    {
        if (template.Parameters.ContainsKey(name))
        {
            _usedParameters.Add(name);
        }
        else if (!template.Resources.ContainsKey(name) && !Intrinsic.PseudoParameters.Contains(name))
        {
            _problems.Add($"{path}: {how} '{name}' is no parameter, resource or pseudo parameter");
        }
    }

    private void CheckAttribute(string dotted, string path)
    {
        var (resource, attribute) = dotted.Split('.', 2) is [var r, var a] ? (r, a) : (dotted, string.Empty);
        if (template.ResourceType(resource) is not { } type)
        {
            _problems.Add($"{path}: GetAtt of '{resource}', which is no resource");
        }
        else if (Attributes.TryGetValue(type, out var known) && !known.Contains(attribute))
        {
            _problems.Add($"{path}: {type} has no attribute '{attribute}' (known: {string.Join(", ", known)})");
        }
    }

    private void CheckSub(YamlNode argument, string path)
    {
        var variables = new HashSet<string>(StringComparer.Ordinal);
        var text = argument as YamlScalarNode;
        if (argument is YamlSequenceNode { Children: [YamlScalarNode first, YamlMappingNode map] })
        {
            text = first;
            variables.UnionWith(map.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? string.Empty));
        }

        if (text?.Value is null)
        {
            _problems.Add($"{path}: Fn::Sub needs a string or [string, variables]");
            return;
        }

        foreach (Match match in SubVariable().Matches(text.Value))
        {
            var name = match.Groups[1].Value.Trim();
            if (name.StartsWith('!') || variables.Contains(name))
            {
                continue;
            }

            if (name.Contains('.', StringComparison.Ordinal))
            {
                CheckAttribute(name, path);
            }
            else
            {
                CheckName(name, path, "${}");
            }
        }
    }

    private void CheckFindInMap(YamlSequenceNode args, string path)
    {
        var mapName = args.Children[0].Text() ?? string.Empty;
        if (!template.Mappings.TryGetValue(mapName, out var map))
        {
            _problems.Add($"{path}: no mapping '{mapName}'");
            return;
        }

        // A key taken from a parameter must exist for every value the parameter allows.
        var keys = args.Children[1].RefOf() is { } parameter
            ? template.Parameters.TryGetValue(parameter, out var declaration) && declaration.At("AllowedValues") is YamlSequenceNode allowed
                ? allowed.Children.Select(a => a.Text() ?? string.Empty)
                : [$"<{parameter} without AllowedValues>"]
            : [args.Children[1].Text() ?? string.Empty];
        foreach (var key in keys)
        {
            if (map.At(key, args.Children[2].Text() ?? string.Empty) is null)
            {
                _problems.Add($"{path}: mapping '{mapName}' has no '{key}'.'{args.Children[2].Text()}'");
            }
        }
    }

    private void CheckCondition(string? name, string path)
    {
        if (name is null || !template.Conditions.ContainsKey(name))
        {
            _problems.Add($"{path}: no condition '{name}'");
        }
    }

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex SubVariable();
}
