using System.Globalization;
using System.Text.Json;
using BatchFanOut.Domain;
using Spectre.Console;

namespace BatchFanOut;

/// <summary>The console face of the sample: a live progress bar of the children, then the summary table.</summary>
internal static class BatchConsole
{
    public static async Task<int> RunAsync(BatchOptions options, CancellationToken cancellationToken)
    {
        AnsiConsole.MarkupLine($"[bold]LambdaWorkflow[/] batch fan-out: [blue]{options.Items:N0}[/] items, a child workflow each (seed {options.Seed})");
        BatchSummary summary = null!;
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("Children", maxValue: options.Items);
                    var runner = new BatchRunner(options)
                    {
                        Progress = p =>
                        {
                            task.Value = p.ChildrenFinished;
                            task.Description = $"Children {p.ChildrenFinished:N0}/{p.Items:N0} · {p.ChildrenFailed:N0} failed · parent has {p.Parent?.Collected ?? 0:N0}";
                        },
                    };
                    summary = await runner.RunAsync(cancellationToken);
                });
        }
        else
        {
            var lastQuarter = -1;
            var runner = new BatchRunner(options)
            {
                Progress = p =>
                {
                    var quarter = p.ChildrenFinished * 4 / Math.Max(1, p.Items);
                    if (quarter != lastQuarter)
                    {
                        lastQuarter = quarter;
                        Console.WriteLine($"  {p.ChildrenFinished,6:N0}/{p.Items:N0} children finished, {p.ChildrenFailed:N0} failed; parent collected {p.Parent?.Collected ?? 0:N0}");
                    }
                },
            };
            summary = await runner.RunAsync(cancellationToken);
        }

        Render(summary);
        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(summary, BatchJson.Default.BatchSummary));
        }

        return summary.ParentStatus == "Completed" && summary.ChildrenUnaccounted == 0 ? 0 : 1;
    }

    private static void Render(BatchSummary s)
    {
        var table = new Table().Title("[bold]Summary[/]").AddColumn("Measure").AddColumn(new TableColumn("Value").RightAligned());
        table.AddRow("Items", $"{s.Items:N0}");
        table.AddRow("[green]Children completed[/]", $"{s.ChildrenCompleted:N0}");
        table.AddRow("[red]Children failed[/]", $"{s.ChildrenFailed:N0}");
        table.AddRow("Children unaccounted", $"{s.ChildrenUnaccounted:N0}");
        table.AddRow("Parent status", s.ParentStatus);
        table.AddRow("Parent result: succeeded / failed", $"{s.Succeeded:N0} / {s.Failed:N0}");
        table.AddRow("Total posted", (s.TotalCents / 100m).ToString("N2", CultureInfo.InvariantCulture));
        table.AddRow("Matches the seed's plan", s.MatchesPlan ? "[green]yes[/]" : "[red]no[/]");
        table.AddRow("Steps", $"{s.Steps:N0}");
        table.AddRow("Steps/s", $"{s.StepsPerSecond:N0}");
        table.AddRow("Service retries (transient)", $"{s.ServiceRetries:N0}");
        table.AddRow("Wall time", $"{s.WallSeconds:N2} s");
        AnsiConsole.Write(table);
    }
}
