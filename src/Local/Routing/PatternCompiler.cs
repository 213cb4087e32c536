using System.Globalization;
using System.Text.Json;

namespace LambdaWorkflow.Local.Routing;

/// <summary>Compiles the structure of a pattern: nested objects, <c>$or</c> and match lists. Operators go to <see cref="OperatorCompiler"/>.</summary>
internal static class PatternCompiler
{
    /// <summary>The key that makes an object level an OR of sub-patterns.</summary>
    public const string OrKey = "$or";

    /// <summary>Compiles a whole pattern.</summary>
    /// <exception cref="EventPatternException">The pattern is invalid.</exception>
    public static ObjectMatcher Compile(JsonElement pattern)
    {
        if (pattern.ValueKind != JsonValueKind.Object)
        {
            throw new EventPatternException("$", $"must be a JSON object, not {Describe(pattern)}");
        }

        return CompileObject(pattern, path: "", insideOr: false);
    }

    /// <summary>Joins a field name to a path: <c>detail</c> + <c>state</c> = <c>detail.state</c>.</summary>
    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>Appends an array index to a path: <c>detail.state[0]</c>.</summary>
    public static string Index(string path, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    /// <summary>Names a JSON value kind for error messages.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static ObjectMatcher CompileObject(JsonElement pattern, string path, bool insideOr)
    {
        // EventBridge keeps the last of duplicated keys.
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in pattern.EnumerateObject())
        {
            members[property.Name] = property.Value;
        }

        if (members.Count == 0)
        {
            throw new EventPatternException(path.Length == 0 ? "$" : path, "is an empty object; name at least one field");
        }

        var fields = new List<KeyValuePair<string, FieldMatcher>>(members.Count);
        IReadOnlyList<ObjectMatcher> anyOf = [];
        foreach (var (name, value) in members)
        {
            var fieldPath = Join(path, name);
            if (name == OrKey)
            {
                anyOf = CompileOr(value, fieldPath);
                continue;
            }

            // Inside $or, EventBridge refuses operator names as field names: they read as a misplaced operator.
            if (insideOr && OperatorCompiler.IsOperatorName(name))
            {
                throw new EventPatternException(fieldPath, $"uses the operator name '{name}' as a field name inside {OrKey}");
            }

            FieldMatcher matcher = value.ValueKind switch
            {
                JsonValueKind.Object => CompileObject(value, fieldPath, insideOr),
                JsonValueKind.Array => CompileMatchList(value, fieldPath),
                _ => throw new EventPatternException(
                    fieldPath, $"must be an array of values to match or an object of nested fields, not {Describe(value)}"),
            };
            fields.Add(new(name, matcher));
        }

        return new ObjectMatcher(fields, anyOf);
    }

    private static ObjectMatcher[] CompileOr(JsonElement branches, string path)
    {
        if (branches.ValueKind != JsonValueKind.Array || branches.GetArrayLength() < 2)
        {
            throw new EventPatternException(path, $"must be an array of at least two pattern objects, not {DescribeOr(branches)}");
        }

        var compiled = new ObjectMatcher[branches.GetArrayLength()];
        var i = 0;
        foreach (var branch in branches.EnumerateArray())
        {
            var branchPath = Index(path, i);
            if (branch.ValueKind != JsonValueKind.Object)
            {
                throw new EventPatternException(branchPath, $"must be a pattern object, not {Describe(branch)}");
            }

            compiled[i++] = CompileObject(branch, branchPath, insideOr: true);
        }

        return compiled;
    }

    private static string DescribeOr(JsonElement branches) =>
        branches.ValueKind == JsonValueKind.Array
            ? string.Create(CultureInfo.InvariantCulture, $"an array of {branches.GetArrayLength()}")
            : Describe(branches);

    private static LeafMatcher CompileMatchList(JsonElement list, string path)
    {
        if (list.GetArrayLength() == 0)
        {
            throw new EventPatternException(path, "is an empty array; list at least one value to match");
        }

        var entries = new List<ValueMatcher>(list.GetArrayLength());
        var i = 0;
        foreach (var entry in list.EnumerateArray())
        {
            var entryPath = Index(path, i++);
            entries.Add(entry.ValueKind switch
            {
                JsonValueKind.String => new StringEqualsMatcher(entry.GetString()!),
                JsonValueKind.Number => new NumberEqualsMatcher(OperatorCompiler.ReadNumber(entry, entryPath)),
                JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => new LiteralMatcher(entry.ValueKind),
                JsonValueKind.Object => OperatorCompiler.Compile(entry, entryPath),
                _ => throw new EventPatternException(
                    entryPath, "is an array; a match list holds strings, numbers, true, false, null or operator objects"),
            });
        }

        return new LeafMatcher(entries);
    }
}
