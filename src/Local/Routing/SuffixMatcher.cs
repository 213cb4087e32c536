namespace LambdaWorkflow.Local.Routing;

/// <summary><c>{"suffix": ".png"}</c>, or with <c>{"suffix": {"equals-ignore-case": ".png"}}</c> case-insensitive: matches string leaves that end with the suffix.</summary>
internal sealed class SuffixMatcher(string suffix, bool ignoreCase) : ValueMatcher
{
    private readonly StringComparison _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public override bool NeedsText => true;

    public override bool Matches(in LeafValue value) =>
        value.IsString && value.Text.EndsWith(suffix, _comparison);
}
