namespace LambdaWorkflow.Local.Routing;

/// <summary>An exact string such as <c>"running"</c>: matches a string leaf with the same characters (ordinal, case-sensitive).</summary>
internal sealed class StringEqualsMatcher(string expected) : ValueMatcher
{
    public override bool NeedsText => true;

    public override bool Matches(in LeafValue value) =>
        value.IsString && value.Text.SequenceEqual(expected);
}
