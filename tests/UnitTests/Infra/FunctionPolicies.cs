using LambdaWorkflow.Local.Routing;
using YamlDotNet.RepresentationModel;

namespace LambdaWorkflow.UnitTests.Infra;

/// <summary>Reads the permissions a function's role grants, expanded to one (action, resource) pair each.</summary>
internal static class FunctionPolicies
{
    /// <summary>
    /// The pairs a function's role allows, resources named as <see cref="TemplateNodes.ResourceKey"/> does: its inline
    /// policies, and role policies of either template attached to it (with the condition they depend on).
    /// </summary>
    /// <param name="function">The function as <c>template:LogicalId</c>.</param>
    public static IReadOnlyList<(string Action, string Resource, string? Condition)> Grants(string function)
    {
        var (templateName, _, role) = RoleOf(function);
        var grants = new List<(string, string, string?)>();
        Add(grants, Statements(role), templateName, null);
        foreach (var (name, template, policy) in AttachedPolicies(function))
        {
            var condition = policy.At("Condition").Text() is { } c ? $"{name}:{c}" : null;
            Add(grants, policy.At("Properties", "PolicyDocument", "Statement").OneOrMany(), name, condition);
        }

        return grants;
    }

    /// <summary>Standalone role policies (<c>AWS::IAM::RolePolicy</c>) of any template whose role is the function's.</summary>
    public static IEnumerable<(string TemplateName, CloudFormationTemplate Template, YamlNode Policy)> AttachedPolicies(string function)
    {
        var (roleTemplate, _, _) = RoleOf(function);
        var roleId = RoleIdOf(function);
        foreach (var (name, template) in InfraTemplates.All)
        {
            foreach (var id in template.ResourcesOfType("AWS::IAM::RolePolicy"))
            {
                var roleName = template.ResourceProperties(id).At("RoleName");
                var target = roleName.RefOf() is { } r ? (name, r)
                    : roleName.ImportOf() is { } suffix && TemplateNodes.CoreExport(suffix) is { How: "Ref" } export ? (InfraTemplates.CoreName, export.Resource)
                    : (name, "?");
                if (target == (roleTemplate, roleId))
                {
                    yield return (name, template, template.Resources[id]);
                }
            }
        }
    }

    private static string RoleIdOf(string function)
    {
        var (templateName, id) = Split(function);
        return InfraTemplates.ByName(templateName).ResourceProperties(id).At("Role").GetAttOf()!.Value.Resource;
    }

    private static void Add(List<(string, string, string?)> grants, IEnumerable<YamlNode> statements, string templateName, string? condition)
    {
        foreach (var statement in statements)
        {
            foreach (var action in statement.At("Action").OneOrMany())
            {
                foreach (var resource in statement.At("Resource").OneOrMany())
                {
                    grants.Add((action.Text() ?? "?", resource.ResourceKey(templateName), condition));
                }
            }
        }
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
                yield return ($"{id} ({(template.ResourceType(id) == "AWS::IAM::RolePolicy" ? "role policy" : "resource policy")})", statement);
            }
        }
    }

    public static (string Template, string Id) Split(string key) =>
        key.Split(':', 2) is [var t, var id] ? (t, id) : throw new ArgumentException($"'{key}' is not template:LogicalId", nameof(key));
}
