using LambdaWorkflow.Cli.Hosting;
using LambdaWorkflow.Cli.Output;
using LambdaWorkflow.Cli.Queues;
using Spectre.Console;

namespace LambdaWorkflow.Cli.Commands;

/// <summary>
/// Refreshes <c>lwf queues</c>: in place on a terminal (Spectre's live display redraws the table), as successive
/// tables when stdout is not a terminal, as one JSON document per refresh with <c>--output json</c>.
/// </summary>
internal sealed class Watcher(CommandContext context, TimeSpan interval, int times, CancellationToken cancellationToken)
{
    /// <summary>Runs until Ctrl+C or <c>--times</c> refreshes; returns the last statuses read.</summary>
    public async Task<IReadOnlyList<QueueStatus>> RunAsync(IReadOnlyList<QueueStatus> first, Func<Task<IReadOnlyList<QueueStatus>>> inspectAsync)
    {
        var latest = first;
        if (context.Format == OutputFormat.Table && context.Environment.IsTerminal)
        {
            await context.Console.Live(QueuesCommand.Render(latest, context.Now)).AutoClear(false).StartAsync(async live =>
            {
                for (var refresh = 1; times == 0 || refresh < times; refresh++)
                {
                    if (!await PauseAsync().ConfigureAwait(false))
                    {
                        return;
                    }

                    latest = await inspectAsync().ConfigureAwait(false);
                    live.UpdateTarget(QueuesCommand.Render(latest, context.Now));
                    live.Refresh();
                }
            }).ConfigureAwait(false);
            return latest;
        }

        QueuesCommand.Print(context, latest, context.Now);
        for (var refresh = 1; times == 0 || refresh < times; refresh++)
        {
            if (!await PauseAsync().ConfigureAwait(false))
            {
                break;
            }

            latest = await inspectAsync().ConfigureAwait(false);
            QueuesCommand.Print(context, latest, context.Now);
        }

        return latest;
    }

    /// <summary>Waits one interval; false when the watch was stopped.</summary>
    private async Task<bool> PauseAsync()
    {
        try
        {
            await Task.Delay(interval, context.Environment.TimeProvider, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
