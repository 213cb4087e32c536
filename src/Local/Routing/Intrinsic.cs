using System.Diagnostics.CodeAnalysis;
using YamlDotNet.RepresentationModel;

namespace LambdaWorkflow.Local.Routing;

/// <summary>Recognises CloudFormation intrinsic functions in both of their forms.</summary>
internal static class Intrinsic
{
    /// <summary>
    /// Reads a function call written as a short-form tag (<c>!Sub "x"</c>, <c>!GetAtt A.Arn</c>) or as a one-key
    /// mapping (<c>Ref: X</c>, <c>Fn::Sub: x</c>). The function comes back in its long name (<c>Ref</c>,
    /// <c>Condition</c> or <c>Fn::Name</c>). For a tag the argument is the tagged node itself; read it with
    /// <see cref="YamlNode"/> members, or pass <paramref name="ignoreTag"/> to look only for the long form inside it.
    /// </summary>
    public static bool TryRead(YamlNode node, [NotNullWhen(true)] out string? function, [NotNullWhen(true)] out YamlNode? argument, bool ignoreTag = false)
    {
        ArgumentNullException.ThrowIfNull(node);
        var tag = node.Tag.IsEmpty || ignoreTag ? null : node.Tag.Value;

        // "!!str" and friends expand to "tag:yaml.org,2002:..." and are YAML's own, not CloudFormation's.
        if (tag is { Length: > 1 } && tag[0] == '!' && tag[1] != '!')
        {
            var name = tag[1..];
            function = name is "Ref" or "Condition" ? name : "Fn::" + name;
            argument = node;
            return true;
        }

        if (node is YamlMappingNode { Children.Count: 1 } mapping)
        {
            var (key, value) = mapping.Children.First();
            if (key is YamlScalarNode { Value: { } name } && (name is "Ref" or "Condition" || name.StartsWith("Fn::", StringComparison.Ordinal)))
            {
                function = name;
                argument = value;
                return true;
            }
        }

        function = null;
        argument = null;
        return false;
    }

    /// <summary>The pseudo parameters CloudFormation defines.</summary>
    public static IReadOnlySet<string> PseudoParameters { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition",
        "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
    };
}
