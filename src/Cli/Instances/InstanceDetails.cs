namespace LambdaWorkflow.Cli.Instances;

/// <summary>What <c>lwf show</c> prints: the instance and its timeline.</summary>
/// <param name="Instance">The instance.</param>
/// <param name="Timeline">Every committed history event, in order.</param>
public sealed record InstanceDetails(InstanceView Instance, IReadOnlyList<TimelineEntry> Timeline);
