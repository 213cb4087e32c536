using System.CommandLine;

namespace LambdaWorkflow.Cli.Hosting;

/// <summary>Runs a command's body with its context, turning operator-facing failures into a line on stderr and an exit code.</summary>
internal delegate Task<int> CommandRunner(ParseResult parseResult, Func<CommandContext, CancellationToken, Task<int>> action, CancellationToken cancellationToken);
