namespace LambdaWorkflow.Local.Routing;

/// <summary>An event pattern that cannot be compiled: malformed JSON, an unknown operator, or an operator with the wrong arguments.</summary>
public sealed class EventPatternException : Exception
{
    /// <summary>Creates the error for one place in the pattern.</summary>
    /// <param name="path">Path in the pattern, such as <c>detail.amount[0].numeric</c>; <c>$</c> for the whole pattern.</param>
    /// <param name="problem">What is wrong there.</param>
    /// <param name="inner">The underlying parser error, if any.</param>
    public EventPatternException(string path, string problem, Exception? inner = null)
        : base($"Invalid event pattern at '{path}': {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>Creates the error without a path.</summary>
    public EventPatternException()
        : this("$", "is invalid")
    {
    }

    /// <summary>Creates the error with a message only.</summary>
    public EventPatternException(string message)
        : this("$", message)
    {
    }

    /// <summary>Creates the error with a message and inner exception.</summary>
    public EventPatternException(string message, Exception innerException)
        : this("$", message, innerException)
    {
    }

    /// <summary>Path in the pattern that is wrong, such as <c>detail.amount[0].numeric</c>; <c>$</c> for the whole pattern.</summary>
    public string Path { get; }

    /// <summary>What is wrong at <see cref="Path"/>.</summary>
    public string Problem { get; }
}
