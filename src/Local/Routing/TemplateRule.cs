namespace LambdaWorkflow.Local.Routing;

/// <summary>An <c>AWS::Events::Rule</c> read from a CloudFormation template, with its parameters filled in.</summary>
/// <param name="LogicalId">The resource's logical id in the template.</param>
/// <param name="Name">The rule's <c>Name</c> property, or the logical id when the template leaves it to CloudFormation.</param>
/// <param name="Pattern">The compiled <c>EventPattern</c>.</param>
/// <param name="TargetResources">Logical ids of the template resources its targets name through <c>Fn::GetAtt X.Arn</c>; empty for a target outside the template.</param>
public sealed record TemplateRule(string LogicalId, string Name, EventPattern Pattern, IReadOnlyList<string> TargetResources);
