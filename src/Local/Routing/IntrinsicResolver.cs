using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LambdaWorkflow.Local.Routing;

/// <summary>
/// Evaluates template values the way CloudFormation would before deploying: <c>Ref</c> to parameters and pseudo
/// parameters, <c>Fn::Sub</c>, <c>Fn::Join</c>, <c>Fn::Select</c>, <c>Fn::Split</c>, <c>Fn::FindInMap</c>,
/// <c>Fn::If</c> with its conditions, and <c>Fn::Base64</c>. What only exists once the stack is deployed
/// (<c>Fn::GetAtt</c>, <c>Fn::ImportValue</c>, <c>Ref</c> to a resource) is reported, not guessed.
/// </summary>
internal sealed partial class IntrinsicResolver
{
    private static readonly Dictionary<string, string> DefaultPseudo = new(StringComparer.Ordinal)
    {
        // The same account and region the embedded bus stamps on its events.
        ["AWS::AccountId"] = "000000000000",
        ["AWS::Region"] = "local",
        ["AWS::Partition"] = "aws",
        ["AWS::URLSuffix"] = "amazonaws.com",
        ["AWS::StackName"] = "local",
        ["AWS::StackId"] = "arn:aws:cloudformation:local:000000000000:stack/local/local",
    };

    private readonly CloudFormationTemplate _template;
    private readonly IReadOnlyDictionary<string, string> _values;

    /// <summary>Creates a resolver for one instantiation of the template.</summary>
    /// <param name="template">The template.</param>
    /// <param name="values">Parameter values, and optionally pseudo parameter values such as <c>AWS::Region</c>; parameters not given take their <c>Default</c>.</param>
    public IntrinsicResolver(CloudFormationTemplate template, IReadOnlyDictionary<string, string>? values = null)
    {
        _template = template;
        _values = values ?? new Dictionary<string, string>();
        foreach (var name in _values.Keys)
        {
            if (!_template.Parameters.ContainsKey(name) && !Intrinsic.PseudoParameters.Contains(name))
            {
                throw new CloudFormationTemplateException("Parameters", $"declares no parameter '{name}'", null);
            }
        }
    }

    /// <summary>Resolves a value to JSON; null for <c>AWS::NoValue</c> or a YAML null.</summary>
    /// <param name="node">The value.</param>
    /// <param name="path">Its place in the template, for error messages.</param>
    /// <exception cref="CloudFormationTemplateException">The value uses something that cannot be resolved before deployment.</exception>
    public JsonNode? Resolve(YamlNode node, string path) => Resolve(node, path, ignoreTag: false);

    /// <summary>Resolves a value that must be a string (numbers and booleans give their text).</summary>
    public string ResolveString(YamlNode node, string path) => Text(Resolve(node, path), path);

    private JsonNode? Resolve(YamlNode node, string path, bool ignoreTag)
    {
        if (Intrinsic.TryRead(node, out var function, out var argument, ignoreTag))
        {
            return Call(function, argument, path);
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                return Scalar(scalar);
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    var item = Resolve(sequence.Children[i], Index(path, i));
                    if (item is not null || !IsNoValue(sequence.Children[i]))
                    {
                        array.Add(item);
                    }
                }

                return array;
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = ((YamlScalarNode)key).Value ?? string.Empty;
                    var resolved = Resolve(value, path + "." + name);
                    if (resolved is not null || !IsNoValue(value))
                    {
                        obj[name] = resolved;
                    }
                }

                return obj;
            default:
                throw new CloudFormationTemplateException(path, "is an alias or an unknown YAML node", null);
        }
    }

    /// <summary>The value of a parameter: the one given, else its <c>Default</c>, checked against its constraints.</summary>
    public string ParameterValue(string name, string path)
    {
        if (Intrinsic.PseudoParameters.Contains(name))
        {
            return _values.TryGetValue(name, out var given) || DefaultPseudo.TryGetValue(name, out given)
                ? given
                : throw new CloudFormationTemplateException(path, $"'{name}' has no local value", null);
        }

        if (!_template.Parameters.TryGetValue(name, out var declaration))
        {
            throw new CloudFormationTemplateException(path, $"refers to '{name}', which is no parameter", null);
        }

        if (!_values.TryGetValue(name, out var value))
        {
            value = CloudFormationTemplate.Child(declaration, "Default") is YamlScalarNode { Value: { } fallback }
                ? fallback
                : throw new CloudFormationTemplateException(path, $"parameter '{name}' has no value and no Default", null);
        }

        Check(name, declaration, value, path);
        return value;
    }

    private JsonNode? Call(string function, YamlNode argument, string path)
    {
        var at = path + "." + function;
        switch (function)
        {
            case "Ref":
                var name = ScalarText(argument, at);
                if (name == "AWS::NoValue")
                {
                    return null;
                }

                if (_template.Resources.ContainsKey(name))
                {
                    throw Deployed(at, $"Ref to resource '{name}'");
                }

                return name == "AWS::NotificationARNs" ? new JsonArray() : JsonValue.Create(ParameterValue(name, at));
            case "Fn::Sub":
                return JsonValue.Create(Substitute(argument, at));
            case "Fn::Join":
                var join = Arguments(argument, 2, at);
                var items = Resolve(join[1], at + "[1]") as JsonArray ?? throw new CloudFormationTemplateException(at, "joins something that is not a list", null);
                return JsonValue.Create(string.Join(ResolveString(join[0], at + "[0]"), items.Select(i => Text(i, at))));
            case "Fn::Select":
                var select = Arguments(argument, 2, at);
                var index = int.Parse(ResolveString(select[0], at + "[0]"), NumberStyles.None, CultureInfo.InvariantCulture);
                var list = Resolve(select[1], at + "[1]") as JsonArray ?? throw new CloudFormationTemplateException(at, "selects from something that is not a list", null);
                return index < list.Count ? list[index]?.DeepClone() : throw new CloudFormationTemplateException(at, $"index {index} is past the list's end", null);
            case "Fn::Split":
                var split = Arguments(argument, 2, at);
                var parts = ResolveString(split[1], at + "[1]").Split(ResolveString(split[0], at + "[0]"));
                return new JsonArray([.. parts.Select(p => (JsonNode)JsonValue.Create(p))]);
            case "Fn::FindInMap":
                return FindInMap(Arguments(argument, 3, at), at);
            case "Fn::If":
                var branches = Arguments(argument, 3, at);
                return Resolve(Condition(ScalarText(branches[0], at + "[0]"), at) ? branches[1] : branches[2], at);
            case "Fn::Base64":
                // The argument of "!Base64 x" is the tagged node itself: resolve what it holds, not the tag again.
                return JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(Resolve(argument, at, ignoreTag: true), at))));
            case "Condition":
                return JsonValue.Create(Condition(ScalarText(argument, at), at));
            case "Fn::Equals" or "Fn::Not" or "Fn::And" or "Fn::Or":
                return JsonValue.Create(Evaluate(function, argument, at));
            default:
                throw Deployed(at, function);
        }
    }

    private string Substitute(YamlNode argument, string path)
    {
        // Fn::Sub is either "text" or [ "text", { Name: value, ... } ].
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        string text;
        if (argument is YamlSequenceNode)
        {
            var parts = Arguments(argument, 2, path);
            text = ScalarText(parts[0], path + "[0]");
            if (parts[1] is not YamlMappingNode map)
            {
                throw new CloudFormationTemplateException(path + "[1]", "must be a mapping of variables", null);
            }

            foreach (var (key, value) in map.Children)
            {
                var name = ((YamlScalarNode)key).Value ?? string.Empty;
                variables[name] = ResolveString(value, path + "[1]." + name);
            }
        }
        else
        {
            text = ScalarText(argument, path);
        }

        return SubVariable().Replace(text, match =>
        {
            var inner = match.Groups[1].Value;
            if (inner.StartsWith('!'))
            {
                return "${" + inner[1..] + "}"; // ${!Literal} is written out as ${Literal}
            }

            var name = inner.Trim();
            if (variables.TryGetValue(name, out var variable))
            {
                return variable;
            }

            if (name.Contains('.', StringComparison.Ordinal) || _template.Resources.ContainsKey(name))
            {
                throw Deployed(path, "${" + name + "}");
            }

            return ParameterValue(name, path);
        });
    }

    private JsonNode? FindInMap(IReadOnlyList<YamlNode> args, string path)
    {
        var mapName = ResolveString(args[0], path + "[0]");
        var top = ResolveString(args[1], path + "[1]");
        var second = ResolveString(args[2], path + "[2]");
        var value = _template.Mappings.TryGetValue(mapName, out var map)
            ? CloudFormationTemplate.Child(CloudFormationTemplate.Child(map, top), second)
            : throw new CloudFormationTemplateException(path, $"names no mapping '{mapName}'", null);
        return value is null
            ? throw new CloudFormationTemplateException(path, $"mapping '{mapName}' has no '{top}'.'{second}'", null)
            : Resolve(value, $"Mappings.{mapName}.{top}.{second}");
    }

    private bool Condition(string name, string path) =>
        _template.Conditions.TryGetValue(name, out var definition)
            ? Resolve(definition, "Conditions." + name) is JsonValue v && v.TryGetValue<bool>(out var result) ? result
                : throw new CloudFormationTemplateException("Conditions." + name, "is not a condition function", null)
            : throw new CloudFormationTemplateException(path, $"names no condition '{name}'", null);

    private bool Evaluate(string function, YamlNode argument, string path)
    {
        var args = argument is YamlSequenceNode s ? s.Children : throw new CloudFormationTemplateException(path, "takes a list", null);
        bool Truth(int i) => Resolve(args[i], Index(path, i)) is JsonValue v && v.TryGetValue<bool>(out var b)
            ? b
            : throw new CloudFormationTemplateException(Index(path, i), "is not a condition", null);
        return function switch
        {
            "Fn::Equals" when args.Count != 2 => throw new CloudFormationTemplateException(path, "compares two values", null),
            "Fn::Equals" => Text(Resolve(args[0], path + "[0]"), path) == Text(Resolve(args[1], path + "[1]"), path),
            "Fn::Not" => args.Count == 1 ? !Truth(0) : throw new CloudFormationTemplateException(path, "takes one condition", null),
            "Fn::And" => Enumerable.Range(0, args.Count).All(Truth),
            _ => Enumerable.Range(0, args.Count).Any(Truth),
        };
    }

    private static void Check(string name, YamlNode declaration, string value, string path)
    {
        if (CloudFormationTemplate.Child(declaration, "AllowedValues") is YamlSequenceNode allowed
            && !allowed.Children.OfType<YamlScalarNode>().Any(a => a.Value == value))
        {
            throw new CloudFormationTemplateException(path, $"parameter '{name}' = '{value}' is not one of its AllowedValues", null);
        }

        // CloudFormation matches AllowedPattern against the whole value.
        if (CloudFormationTemplate.Child(declaration, "AllowedPattern") is YamlScalarNode { Value: { } pattern }
            && !Regex.IsMatch(value, $"^(?:{pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            throw new CloudFormationTemplateException(path, $"parameter '{name}' = '{value}' does not match its AllowedPattern {pattern}", null);
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        // Plain scalars are typed as YAML 1.2's core schema types them, as CloudFormation does.
        return text switch
        {
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            "null" or "Null" or "NULL" or "~" or "" => null,
            _ when JsonNumber().IsMatch(text) => JsonNode.Parse(text),
            _ => JsonValue.Create(text),
        };
    }

    private static string Text(JsonNode? value, string path) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => throw new CloudFormationTemplateException(path, "is not a string", null),
    };

    private static string ScalarText(YamlNode node, string path) =>
        node is YamlScalarNode { Value: { } text } ? text : throw new CloudFormationTemplateException(path, "must be a string", null);

    private static IReadOnlyList<YamlNode> Arguments(YamlNode argument, int count, string path) =>
        argument is YamlSequenceNode sequence && sequence.Children.Count == count
            ? [.. sequence.Children]
            : throw new CloudFormationTemplateException(path, $"takes a list of {count} arguments", null);

    private static bool IsNoValue(YamlNode node) =>
        Intrinsic.TryRead(node, out var function, out var argument) && function == "Ref"
        && argument is YamlScalarNode { Value: "AWS::NoValue" };

    private static CloudFormationTemplateException Deployed(string path, string what) =>
        new(path, $"{what} is only known once the stack is deployed, so it cannot be resolved locally", null);

    private static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    [GeneratedRegex(@"\$\{([^}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex SubVariable();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();
}
