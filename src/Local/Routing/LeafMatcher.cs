using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace LambdaWorkflow.Local.Routing;

/// <summary>
/// A pattern match list such as <c>["a", {"prefix": "b"}]</c>: the field matches when any entry accepts any of
/// its leaf values (an event array contributes each element; nested arrays are flattened; objects are not leaves).
/// </summary>
internal sealed class LeafMatcher : FieldMatcher
{
    // Strings up to this many UTF-8 bytes decode into a stack buffer; longer ones rent from the pool.
    private const int StackBufferChars = 256;

    private readonly ValueMatcher[] _entries;
    private readonly bool _needsText;
    private readonly bool _matchesMissing;

    /// <summary>Creates the matcher from the compiled entries of the list.</summary>
    public LeafMatcher(IReadOnlyList<ValueMatcher> entries)
    {
        _entries = [.. entries];
        _needsText = _entries.Any(entry => entry.NeedsText);
        _matchesMissing = _entries.Any(entry => entry.MatchesMissing);
    }

    public override bool MatchesMissing => _matchesMissing;

    public override bool Matches(JsonElement value)
    {
        Span<char> buffer = stackalloc char[StackBufferChars];
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return _matchesMissing;
            case JsonValueKind.Array:
                var sawLeaf = false;
                return MatchesAnyLeaf(value, buffer, ref sawLeaf) || (!sawLeaf && _matchesMissing);
            default:
                return MatchesLeaf(value, buffer);
        }
    }

    private bool MatchesAnyLeaf(JsonElement array, Span<char> buffer, ref bool sawLeaf)
    {
        foreach (var element in array.EnumerateArray())
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    break;
                case JsonValueKind.Array:
                    if (MatchesAnyLeaf(element, buffer, ref sawLeaf))
                    {
                        return true;
                    }

                    break;
                default:
                    sawLeaf = true;
                    if (MatchesLeaf(element, buffer))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private bool MatchesLeaf(JsonElement element, Span<char> buffer)
    {
        char[]? rented = null;
        try
        {
            var text = _needsText && element.ValueKind == JsonValueKind.String
                ? Decode(element, buffer, ref rented)
                : default;
            var leaf = new LeafValue(element, text);
            foreach (var entry in _entries)
            {
                if (entry.Matches(in leaf))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    // Decodes a JSON string without allocating when it has no escape sequences; the raw token includes its quotes.
    private static ReadOnlySpan<char> Decode(JsonElement element, Span<char> buffer, ref char[]? rented)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var content = raw[1..^1];
        if (content.Contains((byte)'\\'))
        {
            return element.GetString();
        }

        if (content.Length > buffer.Length)
        {
            rented = ArrayPool<char>.Shared.Rent(content.Length);
            buffer = rented;
        }

        var written = Encoding.UTF8.GetChars(content, buffer);
        return buffer[..written];
    }
}
