namespace LambdaWorkflow.Cli;

/// <summary>A failure to report to the operator as one line on stderr, without a stack trace.</summary>
public sealed class CliException : Exception
{
    /// <summary>Creates the error.</summary>
    public CliException()
        : base("The command failed.")
    {
    }

    /// <summary>Creates the error with the line to print.</summary>
    public CliException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with the line to print and its cause.</summary>
    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
