using LambdaWorkflow.Local.Routing;
using YamlDotNet.RepresentationModel;

namespace LambdaWorkflow.UnitTests.Infra;

/// <summary>Reads the permissions a function's role grants, expanded to one (action, resource) pair each.</summary>
internal static class FunctionPolicies
{
    /// <summary>The pairs a function's role allows, resources named as <see cref="TemplateNodes.ResourceKey"/> does.</summary>
    /// <param name="function">The function as <c>template:LogicalId</c>.</param>
    public static IReadOnlyList<(string Action, string Resource)> Grants(string function)
    {
        var (templateName, template, role) = RoleOf(function);
        var grants = new List<(string, string)>();
        foreach (var statement in Statements(role))
        {
            foreach (var action in statement.At("Action").OneOrMany())
            {
                foreach (var resource in statement.At("Resource").OneOrMany())
                {
                    grants.Add((action.Text() ?? "?", resource.ResourceKey(templateName)));
                }
            }
        }

        return grants;
    }

    /// <summary>The template and role resource behind a function's <c>Role: !GetAtt X.Arn</c>.</summary>
    public static (string TemplateName, CloudFormationTemplate Template, YamlNode Role) RoleOf(string function)
    {
        var (templateName, id) = Split(function);
        var template = InfraTemplates.ByName(templateName);
        var roleRef = template.ResourceProperties(id).At("Role").GetAttOf()
            ?? throw new InvalidOperationException($"{function} has no Role: !GetAtt X.Arn");
        Assert.Equal("AWS::IAM::Role", template.ResourceType(roleRef.Resource));
        return (templateName, template, template.Resources[roleRef.Resource]);
    }

    /// <summary>Every statement of a role's inline policies.</summary>
    public static IEnumerable<YamlNode> Statements(YamlNode role) =>
        role.At("Properties", "Policies").OneOrMany().SelectMany(p => p.At("PolicyDocument", "Statement").OneOrMany());

    /// <summary>Every policy statement of a template: roles' inline policies and resource policies alike.</summary>
    public static IEnumerable<(string Where, YamlNode Statement)> AllStatements(CloudFormationTemplate template)
    {
        foreach (var (id, resource) in template.Resources)
        {
            foreach (var statement in Statements(resource))
            {
                yield return ($"{id} (role)", statement);
            }

            foreach (var statement in resource.At("Properties", "PolicyDocument", "Statement").OneOrMany())
            {
                yield return ($"{id} (resource policy)", statement);
            }
        }
    }

    public static (string Template, string Id) Split(string key) =>
        key.Split(':', 2) is [var t, var id] ? (t, id) : throw new ArgumentException($"'{key}' is not template:LogicalId", nameof(key));
}
