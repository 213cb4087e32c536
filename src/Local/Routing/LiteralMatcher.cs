using System.Text.Json;

namespace LambdaWorkflow.Local.Routing;

/// <summary>An exact <c>true</c>, <c>false</c> or <c>null</c>: matches the same JSON literal only (not the string <c>"true"</c>, not a missing field).</summary>
internal sealed class LiteralMatcher(JsonValueKind kind) : ValueMatcher
{
    public override bool Matches(in LeafValue value) => value.Kind == kind;
}
