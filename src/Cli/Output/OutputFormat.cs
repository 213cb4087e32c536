namespace LambdaWorkflow.Cli.Output;

/// <summary>How a command prints its result.</summary>
public enum OutputFormat
{
    /// <summary>Tables and lines for people.</summary>
    Table,

    /// <summary>JSON for scripts.</summary>
    Json,
}
