namespace LambdaWorkflow.Local.Routing;

/// <summary>One entry of a pattern's match list: an exact value or an operator such as <c>prefix</c> or <c>numeric</c>.</summary>
internal abstract class ValueMatcher
{
    /// <summary>Whether <see cref="Matches"/> reads <see cref="LeafValue.Text"/>, so string leaves must be decoded.</summary>
    public virtual bool NeedsText => false;

    /// <summary>Whether the entry accepts a field with no leaf value; only <c>{"exists": false}</c> does.</summary>
    public virtual bool MatchesMissing => false;

    /// <summary>Whether the entry accepts one leaf value of the event.</summary>
    public abstract bool Matches(in LeafValue value);
}
