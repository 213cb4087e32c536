using System.Text;

namespace LambdaWorkflow.Local.Routing;

/// <summary>
/// <c>{"wildcard": "dir/*.png"}</c>: matches string leaves where each <c>*</c> stands for any run of characters,
/// including none. <c>\*</c> is a literal star and <c>\\</c> a literal backslash (in JSON text: <c>\\*</c> and
/// <c>\\\\</c>); consecutive stars and other escapes are rejected, as EventBridge does.
/// </summary>
internal sealed class WildcardMatcher : ValueMatcher
{
    // The literal pieces between stars: "a*b*c" -> ["a", "b", "c"], "*.png" -> ["", ".png"], no star -> one piece.
    private readonly string[] _pieces;

    private WildcardMatcher(string[] pieces) => _pieces = pieces;

    public override bool NeedsText => true;

    /// <summary>Compiles a wildcard expression, or returns null and what is wrong with it.</summary>
    public static WildcardMatcher? TryCreate(string expression, out string? problem)
    {
        var pieces = new List<string>();
        var piece = new StringBuilder();
        var previousWasStar = false;
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c == '*')
            {
                if (previousWasStar)
                {
                    problem = $"has consecutive '*' at position {i}; one '*' already matches any run of characters";
                    return null;
                }

                pieces.Add(piece.ToString());
                piece.Clear();
                previousWasStar = true;
                continue;
            }

            previousWasStar = false;
            if (c == '\\')
            {
                if (i + 1 == expression.Length)
                {
                    problem = "ends with a lone backslash; a backslash must escape '*' or '\\'";
                    return null;
                }

                var escaped = expression[++i];
                if (escaped is not ('*' or '\\'))
                {
                    problem = $"escapes '{escaped}' at position {i}; a backslash may only escape '*' or '\\'";
                    return null;
                }

                piece.Append(escaped);
                continue;
            }

            piece.Append(c);
        }

        pieces.Add(piece.ToString());
        problem = null;
        return new WildcardMatcher([.. pieces]);
    }

    public override bool Matches(in LeafValue value) => value.IsString && IsMatch(value.Text);

    /// <summary>Whether the text matches the whole expression.</summary>
    public bool IsMatch(ReadOnlySpan<char> text)
    {
        if (_pieces.Length == 1)
        {
            return text.SequenceEqual(_pieces[0]);
        }

        var first = _pieces[0];
        var last = _pieces[^1];
        if (text.Length < first.Length + last.Length
            || !text.StartsWith(first, StringComparison.Ordinal)
            || !text.EndsWith(last, StringComparison.Ordinal))
        {
            return false;
        }

        // With only '*' as a metacharacter, taking each middle piece at its leftmost occurrence never loses a match,
        // so matching is linear in the text per piece, with no backtracking.
        var rest = text[first.Length..^last.Length];
        for (var i = 1; i < _pieces.Length - 1; i++)
        {
            var at = rest.IndexOf(_pieces[i], StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            rest = rest[(at + _pieces[i].Length)..];
        }

        return true;
    }
}
