namespace LambdaWorkflow.Contracts;

/// <summary>A message that cannot be read: malformed JSON, an unknown <c>type</c>, a missing or repeated field or a field of the wrong JSON type.</summary>
public sealed class MessageFormatException : Exception
{
    /// <summary>Creates the error for one field.</summary>
    /// <param name="field">JSON path of the offending field, such as <c>callId</c> or <c>detail.payload</c>; <c>$</c> for the whole message.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="inner">The underlying parser error, if any.</param>
    public MessageFormatException(string field, string problem, Exception? inner = null)
        : base($"Field '{field}' {problem}", inner)
    {
        Field = field;
        Problem = problem;
    }

    /// <summary>Creates the error without a field.</summary>
    public MessageFormatException()
        : this("$", "is invalid")
    {
    }

    /// <summary>Creates the error with a message only.</summary>
    public MessageFormatException(string message)
        : this("$", message)
    {
    }

    /// <summary>Creates the error with a message and inner exception.</summary>
    public MessageFormatException(string message, Exception innerException)
        : this("$", message, innerException)
    {
    }

    /// <summary>JSON path of the offending field; <c>$</c> for the whole message.</summary>
    public string Field { get; }

    /// <summary>What is wrong with the field.</summary>
    public string Problem { get; }
}
