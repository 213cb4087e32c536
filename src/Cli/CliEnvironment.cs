using Amazon.Runtime;

namespace LambdaWorkflow.Cli;

/// <summary>What <c>lwf</c> reads from its surroundings: environment variables, the clock, the terminal. Tests pass their own.</summary>
public sealed class CliEnvironment
{
    /// <summary>Looks up an environment variable; null when unset.</summary>
    public Func<string, string?> Variables { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The clock: ages, <c>--since</c> and refresh intervals.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>True when stdout is a terminal: colours and in-place refresh of <c>--watch</c>.</summary>
    public bool IsTerminal { get; init; }

    /// <summary>Columns tables may use.</summary>
    public int Width { get; init; } = 160;

    /// <summary>Rows a live display may use.</summary>
    public int Height { get; init; } = 50;

    /// <summary>Where relative paths are resolved.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>
    /// True when Ctrl+C should stop the command (the real process); false in-process, where the host owns the
    /// console's signals.
    /// </summary>
    public bool HandleProcessSignals { get; init; }

    /// <summary>The process's environment, with stdout's terminal state.</summary>
    public static CliEnvironment FromProcess()
    {
        var terminal = !Console.IsOutputRedirected;
        return new CliEnvironment
        {
            IsTerminal = terminal,
            Width = terminal && Console.WindowWidth > 0 ? Console.WindowWidth : 160,
            Height = terminal && Console.WindowHeight > 0 ? Console.WindowHeight : 50,
            HandleProcessSignals = true,
        };
    }

    /// <summary>A variable, trimmed; null when unset or blank.</summary>
    public string? Get(string name) => Variables(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>
    /// Keys from <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c> (and <c>AWS_SESSION_TOKEN</c>) of these variables;
    /// null lets the SDK's default chain find credentials (profiles, SSO, instance roles).
    /// </summary>
    public AWSCredentials? Credentials()
    {
        if (Get("AWS_ACCESS_KEY_ID") is not { } key || Get("AWS_SECRET_ACCESS_KEY") is not { } secret)
        {
            return null;
        }

        return Get("AWS_SESSION_TOKEN") is { } token ? new SessionAWSCredentials(key, secret, token) : new BasicAWSCredentials(key, secret);
    }

    /// <summary>A path relative to <see cref="WorkingDirectory"/>.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);
}
