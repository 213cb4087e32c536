using LambdaWorkflow.Local.Routing;

namespace LambdaWorkflow.UnitTests.Infra;

public sealed class CloudFormationRuleLoaderTests
{
    private const string ShortForm = """
        Parameters:
          Team: { Type: String, Default: blue, AllowedPattern: "[a-z]+" }
          Service: { Type: String }
        Resources:
          Queue: { Type: AWS::SQS::Queue }
          Rule:
            Type: AWS::Events::Rule
            Properties:
              Name: !Sub "${Team}-${Service}-${AWS::Region}"
              EventPattern:
                source: [lambda-workflow]
                detail:
                  service: [!Ref Service]
                  attempt: [{ numeric: [">", 2] }]
                  team: [!Join ["-", [!Ref Team, x]]]
              Targets: [{ Id: q, Arn: !GetAtt Queue.Arn }]
          Off:
            Type: AWS::Events::Rule
            Properties: { State: DISABLED, EventPattern: { source: [x] } }
        """;

    [Fact]
    public void ReadRules_ShortFormTags_ResolvesParametersPseudoParametersAndFunctions()
    {
        var rule = Assert.Single(CloudFormationRuleLoader.ReadRules(ShortForm, new Dictionary<string, string> { ["Service"] = "billing", ["AWS::Region"] = "eu-west-1" }));

        Assert.Equal("blue-billing-eu-west-1", rule.Name);
        Assert.Equal("""{"source":["lambda-workflow"],"detail":{"service":["billing"],"attempt":[{"numeric":[">",2]}],"team":["blue-x"]}}""", rule.Pattern.ToString());
        Assert.Equal(["Queue"], rule.TargetResources);
        Assert.True(rule.Pattern.Matches("""{"source":"lambda-workflow","detail":{"service":"billing","attempt":3,"team":"blue-x"}}"""));
    }

    [Fact]
    public void ReadRules_JsonTemplateWithLongFormsAndPatternAsText_ReadsTheSameRule()
    {
        const string Json = """
            {
              "Parameters": { "Service": { "Type": "String" } },
              "Resources": {
                "Rule": {
                  "Type": "AWS::Events::Rule",
                  "Properties": {
                    "EventPattern": { "Fn::Sub": "{\"detail\":{\"service\":[\"${Service}\"]},\"detail-type\":[\"${!Literal}\"]}" },
                    "Targets": [ { "Id": "q", "Arn": { "Fn::GetAtt": [ "Queue", "Arn" ] } } ]
                  }
                },
                "Queue": { "Type": "AWS::SQS::Queue" }
              }
            }
            """;

        var rule = Assert.Single(CloudFormationRuleLoader.ReadRules(Json, new Dictionary<string, string> { ["Service"] = "billing" }));

        Assert.Equal("Rule", rule.Name);
        Assert.Equal("""{"detail":{"service":["billing"]},"detail-type":["${Literal}"]}""", rule.Pattern.ToString());
        Assert.Equal(["Queue"], rule.TargetResources);
    }

    [Theory]
    [InlineData("Nope", "billing", "declares no parameter 'Nope'")]
    [InlineData("Team", "Blue!", "does not match its AllowedPattern")]
    public void ReadRules_BadParameter_NamesIt(string parameter, string value, string message)
    {
        var values = new Dictionary<string, string> { ["Service"] = "billing", [parameter] = value };

        var error = Assert.Throws<CloudFormationTemplateException>(() => CloudFormationRuleLoader.ReadRules(ShortForm, values));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRules_ParameterWithoutValueOrDefault_SaysWhichAndWhere()
    {
        var error = Assert.Throws<CloudFormationTemplateException>(() => CloudFormationRuleLoader.ReadRules(ShortForm));

        Assert.Contains("parameter 'Service' has no value and no Default", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Resources.Rule.Properties.Name", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRules_PatternNeedingADeployedValue_IsReportedNotGuessed()
    {
        const string Template = """
            Resources:
              Rule:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern: { resources: [!GetAtt Queue.Arn] }
            """;

        var error = Assert.Throws<CloudFormationTemplateException>(() => CloudFormationRuleLoader.ReadRules(Template));

        Assert.Contains("only known once the stack is deployed", error.Message, StringComparison.Ordinal);
        Assert.Equal("Resources.Rule.Properties.EventPattern.resources[0].Fn::GetAtt", error.Path);
    }

    [Fact]
    public void ReadRules_NotYaml_ReportsTheLine()
    {
        var error = Assert.Throws<CloudFormationTemplateException>(() => CloudFormationRuleLoader.ReadRules("Resources:\n  A: [unclosed\n"));

        Assert.StartsWith("line ", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadServiceRules_RuleTargetingSomethingOtherThanAQueue_IsRefused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lwf-rule-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            Parameters: { ServiceName: { Type: String } }
            Resources:
              Rule:
                Type: AWS::Events::Rule
                Properties:
                  EventPattern: { detail: { service: [!Ref ServiceName] } }
                  Targets: [{ Id: f, Arn: "arn:aws:lambda:eu-west-1:123456789012:function:f" }]
            """);
        try
        {
            var error = Assert.Throws<CloudFormationTemplateException>(() => CloudFormationRuleLoader.LoadServiceRules(path, ["billing"]));

            Assert.Contains("exactly one queue", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Resolver_FunctionsAndConditions_EvaluateAsCloudFormationDoes()
    {
        var template = CloudFormationTemplate.Parse("""
            Parameters:
              Size: { Type: Number, Default: 30, AllowedValues: [10, 30] }
              Topic: { Type: String, Default: "" }
            Mappings:
              Six: { "10": { Seconds: 60 }, "30": { Seconds: 180 } }
            Conditions:
              HasTopic: !Not [!Equals [!Ref Topic, ""]]
              Both: !And [!Condition HasTopic, !Equals [!Ref Size, 30]]
            Resources: {}
            """);
        var value = (string yaml) => CloudFormationTemplate.Parse("V: " + yaml).Root.Children.Values.Single();
        var plain = new IntrinsicResolver(template);
        var withTopic = new IntrinsicResolver(template, new Dictionary<string, string> { ["Topic"] = "arn:t", ["Size"] = "30" });

        Assert.Equal("180", plain.ResolveString(value("!FindInMap [Six, !Ref Size, Seconds]"), "v"));
        Assert.Equal("b", plain.ResolveString(value("!Select [1, !Split [',', 'a,b,c']]"), "v"));
        Assert.Equal("aGk=", plain.ResolveString(value("!Base64 hi"), "v"));
        Assert.Null(plain.Resolve(value("!If [HasTopic, [!Ref Topic], !Ref AWS::NoValue]"), "v"));
        Assert.Equal("""["arn:t"]""", withTopic.Resolve(value("!If [Both, [!Ref Topic], !Ref AWS::NoValue]"), "v")!.ToJsonString());
        Assert.Throws<CloudFormationTemplateException>(() => new IntrinsicResolver(template, new Dictionary<string, string> { ["Size"] = "20" }).ParameterValue("Size", "v"));
    }
}
