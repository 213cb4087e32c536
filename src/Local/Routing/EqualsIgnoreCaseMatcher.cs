namespace LambdaWorkflow.Local.Routing;

/// <summary><c>{"equals-ignore-case": "alice"}</c>: matches string leaves equal to the value in any casing (ordinal case folding).</summary>
internal sealed class EqualsIgnoreCaseMatcher(string expected) : ValueMatcher
{
    public override bool NeedsText => true;

    public override bool Matches(in LeafValue value) =>
        value.IsString && value.Text.Equals(expected, StringComparison.OrdinalIgnoreCase);
}
