namespace LambdaWorkflow.Local.Routing;

/// <summary>An exact number such as <c>300</c>: matches a number leaf of equal value, so <c>300</c>, <c>300.0</c> and <c>3e2</c> are one value.</summary>
internal sealed class NumberEqualsMatcher(double expected) : ValueMatcher
{
    public override bool Matches(in LeafValue value) =>
        value.HasNumber && value.Number == expected;
}
