using LambdaWorkflow.Local.Routing;
using YamlDotNet.RepresentationModel;

namespace LambdaWorkflow.UnitTests.Infra;

public sealed class TemplateReferenceTests
{
    public static TheoryData<string> Templates => [InfraTemplates.CoreName, InfraTemplates.ServiceName];

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_EveryRefGetAttSubAndMapKey_Resolves(string name)
    {
        var problems = new TemplateReferences(InfraTemplates.ByName(name)).Problems();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_EveryParameter_IsUsedAndDescribed(string name)
    {
        var template = InfraTemplates.ByName(name);

        Assert.Empty(new TemplateReferences(template).UnusedParameters());
        Assert.All(template.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Value.At("Description").Text()), p.Key));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_ParameterDefaults_SatisfyTheirOwnConstraints(string name)
    {
        var template = InfraTemplates.ByName(name);
        var resolver = new IntrinsicResolver(template);

        foreach (var (parameter, declaration) in template.Parameters)
        {
            if (declaration.At("Default") is not null)
            {
                resolver.ParameterValue(parameter, "test"); // throws when a default breaks its AllowedValues or AllowedPattern
            }
        }
    }

    [Fact]
    public void ServiceModule_EveryImport_IsExportedByTheCoreStackWithTheRightKind()
    {
        var imports = AllNodes(InfraTemplates.Service.Root).Select(n => n.ImportOf()).OfType<string>().Distinct().ToList();

        Assert.NotEmpty(imports);
        Assert.All(imports, suffix =>
        {
            var export = TemplateNodes.CoreExport(suffix);
            Assert.True(export is not null, $"core.yaml exports no '${{AWS::StackName}}-{suffix}'");

            // Names and URLs come from Ref, ARNs from GetAtt .Arn: the export's name says which it must be.
            Assert.Equal(suffix.EndsWith("Arn", StringComparison.Ordinal) ? "Arn" : "Ref", export.Value.How);
        });
    }

    [Fact]
    public void ServiceModule_ImportValue_UsesTheLongFormAroundSub()
    {
        // CloudFormation rejects the short form !ImportValue wrapped around a short-form !Sub.
        var text = File.ReadAllText(InfraTemplates.PathOf("service.yaml"));

        Assert.DoesNotContain("!ImportValue", text, StringComparison.Ordinal);
    }

    [Fact]
    public void References_BrokenTemplate_ReportsEachProblem()
    {
        var template = CloudFormationTemplate.Parse("""
            Parameters:
              Used: { Type: String, Description: d }
              Unused: { Type: String, Description: d }
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                DependsOn: Ghost
                Properties:
                  QueueName: !Sub "${Used}-${Missing}-${Queue.Nope}"
                  Tags: [{ Key: k, Value: !GetAtt Table.Arn }, { Key: r, Value: !Ref Nothing }, { Key: t, Value: !GetAttr Queue.Arn }]
            """);
        var references = new TemplateReferences(template);

        var problems = string.Join('\n', references.Problems());

        Assert.Contains("DependsOn: no resource 'Ghost'", problems, StringComparison.Ordinal);
        Assert.Contains("'Missing' is no parameter", problems, StringComparison.Ordinal);
        Assert.Contains("has no attribute 'Nope'", problems, StringComparison.Ordinal);
        Assert.Contains("GetAtt of 'Table'", problems, StringComparison.Ordinal);
        Assert.Contains("Ref 'Nothing'", problems, StringComparison.Ordinal);
        Assert.Contains("no function 'Fn::GetAttr'", problems, StringComparison.Ordinal);
        Assert.Equal(["Unused"], references.UnusedParameters());
    }

    internal static IEnumerable<YamlNode> AllNodes(YamlNode node) => node.AllNodes;
}
