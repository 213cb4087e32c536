namespace LambdaWorkflow.Local.Routing;

/// <summary>
/// <c>{"numeric": [">", 0, "&lt;=", 5]}</c> and its one-sided and <c>"="</c> forms: matches number leaves inside the
/// range. Strings that look like numbers do not match.
/// </summary>
internal sealed class NumericRangeMatcher : ValueMatcher
{
    private readonly double _lower;
    private readonly bool _lowerInclusive;
    private readonly double _upper;
    private readonly bool _upperInclusive;

    /// <summary>Creates the range; an open side is an infinite bound.</summary>
    public NumericRangeMatcher(double lower, bool lowerInclusive, double upper, bool upperInclusive)
    {
        _lower = lower;
        _lowerInclusive = lowerInclusive;
        _upper = upper;
        _upperInclusive = upperInclusive;
    }

    public override bool Matches(in LeafValue value)
    {
        if (!value.HasNumber)
        {
            return false;
        }

        var number = value.Number;
        var aboveLower = _lowerInclusive ? number >= _lower : number > _lower;
        var belowUpper = _upperInclusive ? number <= _upper : number < _upper;
        return aboveLower && belowUpper;
    }
}
