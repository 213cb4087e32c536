namespace LambdaWorkflow.Cli.Commands;

/// <summary>One rule of <c>lwf rules test</c>: whether it matches the event, and where it would send it.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Service">The service the module was instantiated for, when <c>--service</c> was given.</param>
/// <param name="Target">Where a match goes: the service's queue, or the template's target resources.</param>
/// <param name="Matched">True when the pattern matches the event.</param>
/// <param name="Pattern">The event pattern, as resolved from the template.</param>
public sealed record RuleMatch(string Rule, string? Service, string Target, bool Matched, string Pattern);
