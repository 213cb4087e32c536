using System.Text.Json;

namespace LambdaWorkflow.Local.Routing;

/// <summary>Matches the value an event holds under one field name of a pattern: a nested object or a list of leaf conditions.</summary>
internal abstract class FieldMatcher
{
    /// <summary>
    /// Whether the matcher accepts a field that has no leaf value: missing, an object where leaves were expected,
    /// or an empty array. Known at compile time, so a missing subtree costs nothing to evaluate.
    /// </summary>
    public abstract bool MatchesMissing { get; }

    /// <summary>Matches the value present in the event under the field name.</summary>
    public abstract bool Matches(JsonElement value);
}
