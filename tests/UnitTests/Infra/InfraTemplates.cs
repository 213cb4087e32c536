using LambdaWorkflow.Local.Routing;

namespace LambdaWorkflow.UnitTests.Infra;

/// <summary>The repository's CloudFormation templates, read once per test run.</summary>
internal static class InfraTemplates
{
    public const string CoreName = "core";
    public const string ServiceName = "service";

    private static readonly Lazy<string> Root = new(FindRoot);
    private static readonly Lazy<CloudFormationTemplate> CoreTemplate = new(() => CloudFormationTemplate.Load(PathOf("core.yaml")));
    private static readonly Lazy<CloudFormationTemplate> ServiceTemplate = new(() => CloudFormationTemplate.Load(PathOf("service.yaml")));

    /// <summary>The checkout: the first folder above the test binaries holding <c>LambdaWorkflow.sln</c>.</summary>
    public static string RepositoryRoot => Root.Value;

    public static CloudFormationTemplate Core => CoreTemplate.Value;

    public static CloudFormationTemplate Service => ServiceTemplate.Value;

    /// <summary>Both templates, by the short name the tests use in messages and resource keys.</summary>
    public static IEnumerable<(string Name, CloudFormationTemplate Template)> All =>
        [(CoreName, Core), (ServiceName, Service)];

    public static CloudFormationTemplate ByName(string name) => name == CoreName ? Core : Service;

    /// <summary>A file in <c>infra/</c>.</summary>
    public static string PathOf(string file) => Path.Combine(RepositoryRoot, "infra", file);

    /// <summary>Logical ids of a template's resources of one type.</summary>
    public static IEnumerable<string> ResourcesOfType(this CloudFormationTemplate template, string type) =>
        template.Resources.Keys.Where(id => template.ResourceType(id) == type).Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LambdaWorkflow.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds LambdaWorkflow.sln.");
    }
}
