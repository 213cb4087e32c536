namespace LambdaWorkflow.Local.Routing;

/// <summary>
/// <c>{"anything-but": ...}</c>: matches a leaf that none of the excluded conditions accepts. The field must be
/// present; against an event array, one element outside the exclusions is enough.
/// </summary>
internal sealed class AnythingButMatcher : ValueMatcher
{
    private readonly ValueMatcher[] _excluded;
    private readonly bool _needsText;

    /// <summary>Creates the matcher from the excluded values or string conditions.</summary>
    public AnythingButMatcher(IReadOnlyList<ValueMatcher> excluded)
    {
        _excluded = [.. excluded];
        _needsText = _excluded.Any(matcher => matcher.NeedsText);
    }

    public override bool NeedsText => _needsText;

    public override bool Matches(in LeafValue value)
    {
        foreach (var excluded in _excluded)
        {
            if (excluded.Matches(in value))
            {
                return false;
            }
        }

        return true;
    }
}
