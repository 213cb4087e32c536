using System.Text.Json;

namespace LambdaWorkflow.Local.Routing;

/// <summary>One leaf of an event (string, number, true, false or null), decoded once for all the conditions of a field.</summary>
internal readonly ref struct LeafValue
{
    /// <summary>Wraps a leaf element.</summary>
    /// <param name="element">The leaf; never an object or array.</param>
    /// <param name="text">The decoded string when the leaf is a string and a condition needs the text; otherwise empty.</param>
    public LeafValue(JsonElement element, ReadOnlySpan<char> text)
    {
        Element = element;
        Kind = element.ValueKind;
        Text = text;
        if (Kind == JsonValueKind.Number && element.TryGetDouble(out var number) && double.IsFinite(number))
        {
            HasNumber = true;
            Number = number;
        }
    }

    /// <summary>The leaf element.</summary>
    public JsonElement Element { get; }

    /// <summary>String, Number, True, False or Null.</summary>
    public JsonValueKind Kind { get; }

    /// <summary>Whether the leaf is a JSON string.</summary>
    public bool IsString => Kind == JsonValueKind.String;

    /// <summary>The decoded string; empty unless <see cref="IsString"/> and a condition asked for text.</summary>
    public ReadOnlySpan<char> Text { get; }

    /// <summary>Whether the leaf is a JSON number that fits a finite double.</summary>
    public bool HasNumber { get; }

    /// <summary>The number when <see cref="HasNumber"/>; otherwise 0.</summary>
    public double Number { get; }
}
