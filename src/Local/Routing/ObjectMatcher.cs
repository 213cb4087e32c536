using System.Text;
using System.Text.Json;

namespace LambdaWorkflow.Local.Routing;

/// <summary>
/// A pattern object: every named field must match (AND), and when the object has <c>$or</c>, at least one
/// branch must match too. Fields the pattern does not name are ignored.
/// </summary>
internal sealed class ObjectMatcher : FieldMatcher
{
    private readonly Field[] _fields;
    private readonly ObjectMatcher[] _anyOf;
    private readonly bool _matchesMissing;

    /// <summary>Creates the matcher.</summary>
    /// <param name="fields">Field names and their matchers.</param>
    /// <param name="anyOf">The <c>$or</c> branches, matched against the same event object; empty for none.</param>
    public ObjectMatcher(IReadOnlyList<KeyValuePair<string, FieldMatcher>> fields, IReadOnlyList<ObjectMatcher> anyOf)
    {
        _fields = new Field[fields.Count];
        var matchesMissing = true;
        for (var i = 0; i < fields.Count; i++)
        {
            _fields[i] = new Field(Encoding.UTF8.GetBytes(fields[i].Key), fields[i].Value);
            matchesMissing &= fields[i].Value.MatchesMissing;
        }

        _anyOf = [.. anyOf];
        if (_anyOf.Length > 0)
        {
            matchesMissing &= _anyOf.Any(branch => branch.MatchesMissing);
        }

        _matchesMissing = matchesMissing;
    }

    public override bool MatchesMissing => _matchesMissing;

    public override bool Matches(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => MatchesObject(value),
        JsonValueKind.Array => MatchesArray(value),

        // A string, number, literal or null where the pattern expects nested fields: those fields are missing.
        _ => _matchesMissing,
    };

    /// <summary>Matches an event object (or nested object) against this pattern object.</summary>
    public bool MatchesObject(JsonElement value)
    {
        foreach (var field in _fields)
        {
            var matched = value.TryGetProperty(field.Utf8Name, out var fieldValue)
                ? field.Matcher.Matches(fieldValue)
                : field.Matcher.MatchesMissing;
            if (!matched)
            {
                return false;
            }
        }

        if (_anyOf.Length == 0)
        {
            return true;
        }

        foreach (var branch in _anyOf)
        {
            if (branch.MatchesObject(value))
            {
                return true;
            }
        }

        return false;
    }

    // Array of objects: one element must match the whole sub-pattern, so two fields never match from different
    // elements (EventBridge's array-consistent matching). Without any object element the fields are missing.
    private bool MatchesArray(JsonElement array)
    {
        var sawObject = false;
        return MatchesAnyElement(array, ref sawObject) || (!sawObject && _matchesMissing);
    }

    private bool MatchesAnyElement(JsonElement array, ref bool sawObject)
    {
        foreach (var element in array.EnumerateArray())
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    sawObject = true;
                    if (MatchesObject(element))
                    {
                        return true;
                    }

                    break;
                case JsonValueKind.Array:
                    if (MatchesAnyElement(element, ref sawObject))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private readonly record struct Field(byte[] Utf8Name, FieldMatcher Matcher);
}
