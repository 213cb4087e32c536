using System.CommandLine;
using Amazon.Runtime;
using LambdaWorkflow.Aws.DynamoDb;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Cli.Commands;
using LambdaWorkflow.Cli.Hosting;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Cli;

/// <summary>
/// <c>lwf</c>: the commands, runnable in-process. <c>Program</c> calls it with the console; tests call it with their
/// own writers and environment and read what it printed.
/// </summary>
public static class CliApp
{
    /// <summary>Parses and runs one command line.</summary>
    /// <param name="args">The arguments, as a shell would split them.</param>
    /// <param name="stdout">Where results go (tables, or JSON with <c>--output json</c>).</param>
    /// <param name="stderr">Where errors and warnings go.</param>
    /// <param name="environment">Variables, clock and terminal; the process's when null.</param>
    /// <param name="cancellationToken">Stops the command, such as a <c>--watch</c>.</param>
    /// <returns>The exit code; see <see cref="ExitCodes"/>.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CliEnvironment? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        environment ??= new CliEnvironment();
        var options = new GlobalOptions();
        var root = new RootCommand(
            "lwf: operate LambdaWorkflow. Works against AWS, any --endpoint-url (such as local emulators), and the embedded runtime's SQLite state (--db). " +
            "Exit codes: 0 ok, 1 failed, 2 usage error, 3 a dead-letter queue holds messages (queues), 4 no rule matched (rules test).");
        options.AddTo(root);
        CommandRunner run = (parseResult, action, token) => RunCommandAsync(parseResult, options, stdout, stderr, environment, action, token);
        root.Subcommands.Add(QueuesCommand.Create(run));
        root.Subcommands.Add(InstancesCommand.Create(run));
        root.Subcommands.Add(ShowCommand.Create(run));
        foreach (var command in InboxCommands.Create(run))
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(DlqCommand.Create(run));
        root.Subcommands.Add(RulesCommand.Create(run));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync(error.Message).ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Run 'lwf --help' (or 'lwf <command> --help') to see the commands and options.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,

            // In-process the host owns Ctrl+C; the real process lets it stop a --watch.
            ProcessTerminationTimeout = environment.HandleProcessSignals ? TimeSpan.FromSeconds(2) : null,
        };
        return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> RunCommandAsync(
        ParseResult parseResult,
        GlobalOptions options,
        TextWriter stdout,
        TextWriter stderr,
        CliEnvironment environment,
        Func<CommandContext, CancellationToken, Task<int>> action,
        CancellationToken cancellationToken)
    {
        using var context = new CommandContext(parseResult, options, stdout, stderr, environment);
        try
        {
            return await action(context, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            await stderr.WriteLineAsync("lwf: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is AmazonServiceException or SqsException or DynamoDbStateStoreException or StateStoreUnavailableException or AmazonClientException or HttpRequestException)
        {
            // AWS or the network said no: the message names the call; a stack trace would only hide it.
            await stderr.WriteLineAsync("lwf: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Failed;
        }
    }
}
