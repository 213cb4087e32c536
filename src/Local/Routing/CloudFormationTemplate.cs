using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LambdaWorkflow.Local.Routing;

/// <summary>
/// A CloudFormation template read as a YAML node tree. Short-form intrinsic functions (<c>!Ref</c>, <c>!Sub</c>,
/// <c>!GetAtt</c>...) stay on their nodes as tags, so nothing needs registering to read them; JSON templates read
/// the same way, since JSON is YAML.
/// </summary>
internal sealed class CloudFormationTemplate
{
    private CloudFormationTemplate(YamlMappingNode root)
    {
        Root = root;
        Parameters = Section(root, "Parameters");
        Resources = Section(root, "Resources");
        Mappings = Section(root, "Mappings");
        Conditions = Section(root, "Conditions");
        Outputs = Section(root, "Outputs");
    }

    /// <summary>The whole template.</summary>
    public YamlMappingNode Root { get; }

    /// <summary>Parameter declarations by name.</summary>
    public IReadOnlyDictionary<string, YamlNode> Parameters { get; }

    /// <summary>Resource declarations by logical id.</summary>
    public IReadOnlyDictionary<string, YamlNode> Resources { get; }

    /// <summary>Mappings by name.</summary>
    public IReadOnlyDictionary<string, YamlNode> Mappings { get; }

    /// <summary>Condition definitions by name.</summary>
    public IReadOnlyDictionary<string, YamlNode> Conditions { get; }

    /// <summary>Outputs by logical id.</summary>
    public IReadOnlyDictionary<string, YamlNode> Outputs { get; }

    /// <summary>Reads a template from its text.</summary>
    /// <exception cref="CloudFormationTemplateException">The text is not YAML, or its root is not a mapping.</exception>
    public static CloudFormationTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new CloudFormationTemplateException($"line {ex.Start.Line}", $"is not valid YAML: {ex.Message}", ex);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new CloudFormationTemplateException("$", "must be one YAML document whose root is a mapping", null);
        }

        return new CloudFormationTemplate(root);
    }

    /// <summary>Reads a template from a file.</summary>
    /// <exception cref="CloudFormationTemplateException">See <see cref="Parse"/>.</exception>
    public static CloudFormationTemplate Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>The <c>Type</c> of a resource, or null when there is no such resource.</summary>
    public string? ResourceType(string logicalId) =>
        Resources.TryGetValue(logicalId, out var resource) ? (Child(resource, "Type") as YamlScalarNode)?.Value : null;

    /// <summary>The <c>Properties</c> of a resource, or null.</summary>
    public YamlMappingNode? ResourceProperties(string logicalId) =>
        Resources.TryGetValue(logicalId, out var resource) ? Child(resource, "Properties") as YamlMappingNode : null;

    /// <summary>The value under a key of a mapping node, or null when the node is no mapping or lacks the key.</summary>
    public static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static Dictionary<string, YamlNode> Section(YamlMappingNode root, string name)
    {
        var section = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (Child(root, name) is YamlMappingNode mapping)
        {
            foreach (var (key, value) in mapping.Children)
            {
                section[((YamlScalarNode)key).Value ?? string.Empty] = value;
            }
        }

        return section;
    }
}
