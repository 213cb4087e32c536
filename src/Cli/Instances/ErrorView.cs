using LambdaWorkflow.Contracts;

namespace LambdaWorkflow.Cli.Instances;

/// <summary>A recorded failure: its type and message (the stack trace stays in the store).</summary>
/// <param name="Type">The error type.</param>
/// <param name="Message">The message.</param>
public sealed record ErrorView(string Type, string Message)
{
    /// <summary>The view of a failure; null for none.</summary>
    public static ErrorView? From(FailureDetails? failure) => failure is null ? null : new ErrorView(failure.ErrorType, failure.Message);

    /// <summary>As one line.</summary>
    public override string ToString() => Type + ": " + Message;
}
