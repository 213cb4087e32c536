namespace LambdaWorkflow.Local.Routing;

/// <summary>
/// <c>{"exists": true}</c> matches when the field has a leaf value (null counts); <c>{"exists": false}</c> when it has none.
/// Exists looks at leaves only: an object or an empty array at the field counts as absent, as EventBridge documents.
/// </summary>
internal sealed class ExistsMatcher(bool shouldExist) : ValueMatcher
{
    public override bool MatchesMissing => !shouldExist;

    public override bool Matches(in LeafValue value) => shouldExist;
}
