using LambdaWorkflow.Local.Routing;

namespace LambdaWorkflow.UnitTests.Routing;

/// <summary>Shorthand for compiling a pattern and matching one event, both as JSON text.</summary>
internal static class PatternTesting
{
    public static bool Matches(string pattern, string @event) => EventPattern.Parse(pattern).Matches(@event);
}
