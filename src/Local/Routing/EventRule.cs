namespace LambdaWorkflow.Local.Routing;

/// <summary>A routing rule: events that match <paramref name="Pattern"/> go to <paramref name="Target"/>.</summary>
/// <param name="Name">Rule name, unique within a <see cref="RuleSet"/>.</param>
/// <param name="Pattern">The compiled event pattern.</param>
/// <param name="Target">Where matching events go: a queue name or URL.</param>
public sealed record EventRule(string Name, EventPattern Pattern, string Target);
