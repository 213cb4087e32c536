using LambdaWorkflow.Local.Routing;
using YamlDotNet.RepresentationModel;

namespace LambdaWorkflow.UnitTests.Infra;

/// <summary>Reads intrinsic-function shapes and plain values out of template nodes, for assertions.</summary>
internal static class TemplateNodes
{
    public static YamlNode? At(this YamlNode? node, params string[] keys)
    {
        foreach (var key in keys)
        {
            node = CloudFormationTemplate.Child(node, key);
        }

        return node;
    }

    public static string? Text(this YamlNode? node) => node is YamlScalarNode scalar && !Intrinsic.TryRead(node, out _, out _) ? scalar.Value : null;

    /// <summary>A scalar or every scalar of a list, as IAM writes Action and Resource both ways.</summary>
    public static IReadOnlyList<YamlNode> OneOrMany(this YamlNode? node) => node switch
    {
        null => [],
        YamlSequenceNode list => [.. list.Children],
        _ => [node],
    };

    /// <summary>The target of <c>!Ref X</c>.</summary>
    public static string? RefOf(this YamlNode? node) =>
        node is not null && Intrinsic.TryRead(node, out var f, out var arg) && f == "Ref" ? ((YamlScalarNode)arg).Value : null;

    /// <summary>The resource and attribute of <c>!GetAtt X.Attr</c> or <c>Fn::GetAtt: [X, Attr]</c>.</summary>
    public static (string Resource, string Attribute)? GetAttOf(this YamlNode? node)
    {
        if (node is null || !Intrinsic.TryRead(node, out var f, out var arg) || f != "Fn::GetAtt")
        {
            return null;
        }

        return arg switch
        {
            YamlScalarNode { Value: { } dotted } when dotted.Split('.', 2) is [var r, var a] => (r, a),
            YamlSequenceNode { Children: [YamlScalarNode { Value: { } r }, YamlScalarNode { Value: { } a }] } => (r, a),
            _ => null,
        };
    }

    /// <summary>The text of <c>!Sub "text"</c>.</summary>
    public static string? SubOf(this YamlNode? node) =>
        node is not null && Intrinsic.TryRead(node, out var f, out var arg) && f == "Fn::Sub" && arg is YamlScalarNode s ? s.Value : null;

    /// <summary>The export suffix X of <c>Fn::ImportValue: !Sub "${CoreStackName}-X"</c>.</summary>
    public static string? ImportOf(this YamlNode? node)
    {
        const string Prefix = "${CoreStackName}-";
        if (node is null || !Intrinsic.TryRead(node, out var f, out var arg) || f != "Fn::ImportValue")
        {
            return null;
        }

        return arg.SubOf() is { } text && text.StartsWith(Prefix, StringComparison.Ordinal) ? text[Prefix.Length..] : null;
    }

    /// <summary>The core resource behind the core export named <c>${AWS::StackName}-{suffix}</c>, as its value's Ref or GetAtt.</summary>
    public static (string Resource, string How)? CoreExport(string suffix)
    {
        foreach (var (_, output) in InfraTemplates.Core.Outputs)
        {
            if (output.At("Export", "Name").SubOf() == "${AWS::StackName}-" + suffix)
            {
                var value = output.At("Value");
                return value.RefOf() is { } r ? (r, "Ref") : value.GetAttOf() is { } g ? (g.Resource, g.Attribute) : null;
            }
        }

        return null;
    }

    /// <summary>
    /// Names the resource a value points at, as <c>template:LogicalId</c>: <c>!GetAtt X.Arn</c> in the template, or an
    /// import followed to the core resource behind the export. Anything else is returned as written, so it shows in
    /// a failure message.
    /// </summary>
    public static string ResourceKey(this YamlNode node, string templateName)
    {
        if (node.GetAttOf() is { Attribute: "Arn" } getAtt)
        {
            return $"{templateName}:{getAtt.Resource}";
        }

        if (node.ImportOf() is { } suffix && CoreExport(suffix) is { How: "Arn" } export)
        {
            return $"{InfraTemplates.CoreName}:{export.Resource}";
        }

        return node is YamlScalarNode s ? s.Value ?? "null" : $"<{node.NodeType} at line {node.Start.Line}>";
    }
}
