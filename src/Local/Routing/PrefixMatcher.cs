namespace LambdaWorkflow.Local.Routing;

/// <summary><c>{"prefix": "eu-"}</c>, or with <c>{"prefix": {"equals-ignore-case": "eu-"}}</c> case-insensitive: matches string leaves that start with the prefix.</summary>
internal sealed class PrefixMatcher(string prefix, bool ignoreCase) : ValueMatcher
{
    private readonly StringComparison _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public override bool NeedsText => true;

    public override bool Matches(in LeafValue value) =>
        value.IsString && value.Text.StartsWith(prefix, _comparison);
}
