using System.Globalization;
using System.Text.Json;

namespace LambdaWorkflow.Local.Routing;

/// <summary>Compiles one operator object of a match list, such as <c>{"prefix": "eu-"}</c> or <c>{"numeric": [">", 0]}</c>.</summary>
internal static class OperatorCompiler
{
    private const string Prefix = "prefix";
    private const string Suffix = "suffix";
    private const string AnythingBut = "anything-but";
    private const string Numeric = "numeric";
    private const string Exists = "exists";
    private const string Cidr = "cidr";
    private const string EqualsIgnoreCase = "equals-ignore-case";
    private const string Wildcard = "wildcard";

    private static readonly HashSet<string> OperatorNames =
        new([Prefix, Suffix, AnythingBut, Numeric, Exists, Cidr, EqualsIgnoreCase, Wildcard], StringComparer.Ordinal);

    /// <summary>Whether the name is one of the supported operators.</summary>
    public static bool IsOperatorName(string name) => OperatorNames.Contains(name);

    /// <summary>Compiles an operator object found at <paramref name="path"/> (such as <c>detail.state[0]</c>).</summary>
    /// <exception cref="EventPatternException">The operator is unknown or has the wrong arguments.</exception>
    public static ValueMatcher Compile(JsonElement operatorObject, string path)
    {
        var (name, argument) = SingleMember(operatorObject, path, "an operator object");
        var operatorPath = PatternCompiler.Join(path, name);
        return name switch
        {
            Prefix => CompileAffix(argument, operatorPath, (text, ignoreCase) => new PrefixMatcher(text, ignoreCase)),
            Suffix => CompileAffix(argument, operatorPath, (text, ignoreCase) => new SuffixMatcher(text, ignoreCase)),
            EqualsIgnoreCase => new EqualsIgnoreCaseMatcher(ReadString(argument, operatorPath)),
            Wildcard => CompileWildcard(argument, operatorPath),
            AnythingBut => CompileAnythingBut(argument, operatorPath),
            Numeric => CompileNumeric(argument, operatorPath),
            Exists => argument.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? new ExistsMatcher(argument.GetBoolean())
                : throw new EventPatternException(operatorPath, $"must be true or false, not {PatternCompiler.Describe(argument)}"),
            Cidr => CompileCidr(argument, operatorPath),
            _ => throw new EventPatternException(
                operatorPath,
                $"is not a known operator; use one of {string.Join(", ", OperatorNames.Order(StringComparer.Ordinal))}"),
        };
    }

    /// <summary>Reads a pattern number as a finite double.</summary>
    public static double ReadNumber(JsonElement number, string path)
    {
        if (number.ValueKind != JsonValueKind.Number)
        {
            throw new EventPatternException(path, $"must be a number, not {PatternCompiler.Describe(number)}");
        }

        if (!number.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            throw new EventPatternException(path, $"is the number {number.GetRawText()}, which is out of range");
        }

        return value;
    }

    private static (string Name, JsonElement Argument) SingleMember(JsonElement value, string path, string what)
    {
        var count = 0;
        KeyValuePair<string, JsonElement> member = default;
        foreach (var property in value.EnumerateObject())
        {
            count++;
            member = new(property.Name, property.Value);
        }

        if (count != 1)
        {
            throw new EventPatternException(
                path, string.Create(CultureInfo.InvariantCulture, $"must be {what} with exactly one key, found {count}"));
        }

        return (member.Key, member.Value);
    }

    private static string ReadString(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new EventPatternException(path, $"must be a string, not {PatternCompiler.Describe(value)}");

    // "prefix": "x" or "prefix": {"equals-ignore-case": "x"}; the same for suffix.
    private static ValueMatcher CompileAffix(JsonElement argument, string path, Func<string, bool, ValueMatcher> create)
    {
        if (argument.ValueKind == JsonValueKind.Object)
        {
            var (name, inner) = SingleMember(argument, path, $"a string or an object with {EqualsIgnoreCase}");
            var innerPath = PatternCompiler.Join(path, name);
            if (name != EqualsIgnoreCase)
            {
                throw new EventPatternException(innerPath, $"is not supported here; only {EqualsIgnoreCase} is");
            }

            return create(ReadString(inner, innerPath), true);
        }

        if (argument.ValueKind != JsonValueKind.String)
        {
            throw new EventPatternException(
                path, $"must be a string or an object with {EqualsIgnoreCase}, not {PatternCompiler.Describe(argument)}");
        }

        return create(argument.GetString()!, false);
    }

    private static WildcardMatcher CompileWildcard(JsonElement argument, string path) =>
        WildcardMatcher.TryCreate(ReadString(argument, path), out var problem)
        ?? throw new EventPatternException(path, problem!);

    private static CidrMatcher CompileCidr(JsonElement argument, string path)
    {
        var block = ReadString(argument, path);
        return CidrMatcher.TryCreate(block)
            ?? throw new EventPatternException(path, $"'{block}' is not an IPv4 or IPv6 block in CIDR notation, such as 10.0.0.0/24");
    }

    private static AnythingButMatcher CompileAnythingBut(JsonElement argument, string path)
    {
        switch (argument.ValueKind)
        {
            case JsonValueKind.String:
                return new AnythingButMatcher([new StringEqualsMatcher(argument.GetString()!)]);
            case JsonValueKind.Number:
                return new AnythingButMatcher([new NumberEqualsMatcher(ReadNumber(argument, path))]);
            case JsonValueKind.Array:
                return new AnythingButMatcher(CompileAnythingButList(argument, path));
            case JsonValueKind.Object:
                return new AnythingButMatcher(CompileAnythingButCondition(argument, path));
            default:
                throw new EventPatternException(
                    path,
                    "must be a string, a number, a list of only strings or only numbers, or an object with "
                    + $"{Prefix}, {Suffix}, {EqualsIgnoreCase} or {Wildcard}; not {PatternCompiler.Describe(argument)}");
        }
    }

    private static List<ValueMatcher> CompileAnythingButList(JsonElement list, string path)
    {
        if (list.GetArrayLength() == 0)
        {
            throw new EventPatternException(path, "is an empty list; list at least one value to exclude");
        }

        var excluded = new List<ValueMatcher>(list.GetArrayLength());
        JsonValueKind? kind = null;
        var i = 0;
        foreach (var value in list.EnumerateArray())
        {
            var valuePath = PatternCompiler.Index(path, i++);
            if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            {
                throw new EventPatternException(valuePath, $"must be a string or a number, not {PatternCompiler.Describe(value)}");
            }

            if (kind is { } first && first != value.ValueKind)
            {
                throw new EventPatternException(valuePath, "mixes strings and numbers; the list must hold only strings or only numbers");
            }

            kind = value.ValueKind;
            excluded.Add(value.ValueKind == JsonValueKind.String
                ? new StringEqualsMatcher(value.GetString()!)
                : new NumberEqualsMatcher(ReadNumber(value, valuePath)));
        }

        return excluded;
    }

    // {"anything-but": {"prefix" | "suffix" | "equals-ignore-case" | "wildcard": "x" or ["x", "y"]}}
    private static List<ValueMatcher> CompileAnythingButCondition(JsonElement condition, string path)
    {
        var (name, argument) = SingleMember(condition, path, "an object");
        var conditionPath = PatternCompiler.Join(path, name);
        Func<string, string, ValueMatcher> create = name switch
        {
            Prefix => (text, textPath) => new PrefixMatcher(RequireNonEmpty(text, textPath), ignoreCase: false),
            Suffix => (text, textPath) => new SuffixMatcher(RequireNonEmpty(text, textPath), ignoreCase: false),
            EqualsIgnoreCase => (text, _) => new EqualsIgnoreCaseMatcher(text),
            Wildcard => (text, textPath) => WildcardMatcher.TryCreate(text, out var problem)
                ?? throw new EventPatternException(textPath, problem!),
            _ => throw new EventPatternException(
                conditionPath, $"is not supported inside {AnythingBut}; use {Prefix}, {Suffix}, {EqualsIgnoreCase} or {Wildcard}"),
        };

        if (argument.ValueKind == JsonValueKind.String)
        {
            return [create(argument.GetString()!, conditionPath)];
        }

        if (argument.ValueKind != JsonValueKind.Array || argument.GetArrayLength() == 0)
        {
            throw new EventPatternException(
                conditionPath, $"must be a string or a non-empty list of strings, not {PatternCompiler.Describe(argument)}");
        }

        var excluded = new List<ValueMatcher>(argument.GetArrayLength());
        var i = 0;
        foreach (var value in argument.EnumerateArray())
        {
            var valuePath = PatternCompiler.Index(conditionPath, i++);
            excluded.Add(create(ReadString(value, valuePath), valuePath));
        }

        return excluded;
    }

    private static string RequireNonEmpty(string text, string path) =>
        text.Length > 0 ? text : throw new EventPatternException(path, "must not be empty; an empty affix would exclude every string");

    // [op, n] or [lower-op, n, upper-op, m], with op one of =, <, <=, >, >=.
    private static NumericRangeMatcher CompileNumeric(JsonElement argument, string path)
    {
        if (argument.ValueKind != JsonValueKind.Array || argument.GetArrayLength() == 0)
        {
            throw new EventPatternException(
                path, $"must be a non-empty array of operator/value pairs such as [\">\", 0, \"<=\", 5], not {PatternCompiler.Describe(argument)}");
        }

        var length = argument.GetArrayLength();
        if (length % 2 != 0)
        {
            throw new EventPatternException(
                path, string.Create(CultureInfo.InvariantCulture, $"has {length} elements; it takes operator/value pairs such as [\">\", 0, \"<=\", 5]"));
        }

        if (length > 4)
        {
            throw new EventPatternException(
                path, string.Create(CultureInfo.InvariantCulture, $"has {length / 2} operator/value pairs; at most two (a lower and an upper bound) are allowed"));
        }

        var (firstOperator, firstValue) = ReadComparison(argument, 0, path);
        if (length == 2)
        {
            return firstOperator switch
            {
                "=" => new NumericRangeMatcher(firstValue, true, firstValue, true),
                "<" => new NumericRangeMatcher(double.NegativeInfinity, false, firstValue, false),
                "<=" => new NumericRangeMatcher(double.NegativeInfinity, false, firstValue, true),
                ">" => new NumericRangeMatcher(firstValue, false, double.PositiveInfinity, false),
                _ => new NumericRangeMatcher(firstValue, true, double.PositiveInfinity, false),
            };
        }

        var (secondOperator, secondValue) = ReadComparison(argument, 2, path);
        if (firstOperator is not (">" or ">=") || secondOperator is not ("<" or "<="))
        {
            throw new EventPatternException(
                path, $"pairs \"{firstOperator}\" with \"{secondOperator}\"; a two-sided range is a lower bound (> or >=) followed by an upper bound (< or <=)");
        }

        if (firstValue >= secondValue)
        {
            throw new EventPatternException(
                path, string.Create(CultureInfo.InvariantCulture, $"has lower bound {firstValue} not below upper bound {secondValue}, so nothing can match"));
        }

        return new NumericRangeMatcher(firstValue, firstOperator == ">=", secondValue, secondOperator == "<=");
    }

    private static (string Operator, double Value) ReadComparison(JsonElement argument, int index, string path)
    {
        var operatorElement = argument[index];
        var op = operatorElement.ValueKind == JsonValueKind.String ? operatorElement.GetString()! : null;
        if (op is not ("=" or "<" or "<=" or ">" or ">="))
        {
            var found = op is null ? PatternCompiler.Describe(operatorElement) : $"\"{op}\"";
            throw new EventPatternException(
                path, string.Create(CultureInfo.InvariantCulture, $"has {found} at position {index} where an operator (=, <, <=, >, >=) belongs"));
        }

        var valueElement = argument[index + 1];
        if (valueElement.ValueKind != JsonValueKind.Number)
        {
            throw new EventPatternException(
                path, string.Create(CultureInfo.InvariantCulture, $"has {PatternCompiler.Describe(valueElement)} at position {index + 1} where the number for \"{op}\" belongs"));
        }

        return (op, ReadNumber(valueElement, path));
    }
}
