namespace LambdaWorkflow.Cli;

/// <summary>What <c>lwf</c>'s exit code means, so scripts and alarms can act on it.</summary>
public static class ExitCodes
{
    /// <summary>Done, and nothing needs attention.</summary>
    public const int Success = 0;

    /// <summary>The command failed: AWS or the state refused, a queue or instance does not exist, a message could not be moved.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: an unknown option, a missing argument, a value that does not parse.</summary>
    public const int Usage = 2;

    /// <summary><c>lwf queues</c>: a dead-letter queue holds messages.</summary>
    public const int DeadLettersPending = 3;

    /// <summary><c>lwf rules test</c>: no rule matches the event.</summary>
    public const int NoRuleMatched = 4;
}
