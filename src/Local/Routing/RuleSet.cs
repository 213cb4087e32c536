using System.Text.Json;

namespace LambdaWorkflow.Local.Routing;

/// <summary>An immutable set of rules that finds every rule an event matches, in the order the rules were given.</summary>
/// <remarks>Safe to share between threads.</remarks>
public sealed class RuleSet
{
    private readonly EventRule[] _rules;

    /// <summary>Creates the set.</summary>
    /// <param name="rules">The rules; names must be unique, as on one EventBridge bus.</param>
    /// <exception cref="ArgumentException">A rule is null or two rules share a name.</exception>
    public RuleSet(IEnumerable<EventRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in _rules)
        {
            if (rule is null)
            {
                throw new ArgumentException("The rule list contains null.", nameof(rules));
            }

            if (!names.Add(rule.Name))
            {
                throw new ArgumentException($"Two rules are named '{rule.Name}'.", nameof(rules));
            }
        }
    }

    /// <summary>The rules, in the order given.</summary>
    public IReadOnlyList<EventRule> Rules => _rules;

    /// <summary>Returns every rule whose pattern matches the event, in rule order; empty when none does.</summary>
    /// <param name="event">The whole EventBridge event object.</param>
    public IReadOnlyList<EventRule> Match(JsonElement @event)
    {
        List<EventRule>? matched = null;
        foreach (var rule in _rules)
        {
            if (rule.Pattern.Matches(@event))
            {
                (matched ??= []).Add(rule);
            }
        }

        return matched is null ? [] : matched;
    }

    /// <summary>Returns every rule whose pattern matches the event given as UTF-8 JSON.</summary>
    /// <param name="utf8Event">The whole EventBridge event object as UTF-8 JSON.</param>
    public IReadOnlyList<EventRule> MatchUtf8(ReadOnlyMemory<byte> utf8Event)
    {
        using var document = JsonDocument.Parse(utf8Event);
        return Match(document.RootElement);
    }

    /// <summary>Returns every rule whose pattern matches the event given as JSON text.</summary>
    /// <param name="eventJson">The whole EventBridge event object as JSON.</param>
    public IReadOnlyList<EventRule> Match(string eventJson)
    {
        ArgumentNullException.ThrowIfNull(eventJson);
        using var document = JsonDocument.Parse(eventJson);
        return Match(document.RootElement);
    }
}
