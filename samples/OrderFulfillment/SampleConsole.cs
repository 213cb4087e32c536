using System.Text.Json;
using OrderFulfillment.Domain;
using OrderFulfillment.Services;
using OrderFulfillment.Targets;
using Spectre.Console;

namespace OrderFulfillment;

/// <summary>The console face of the sample: a live progress bar, then the summary table.</summary>
internal static class SampleConsole
{
    public static async Task<int> RunAsync(SampleOptions options, CancellationToken cancellationToken)
    {
        var where = options.Target == SampleTarget.Emulators ? "the local AWS emulators (SQS: fauxqs, DynamoDB: dynalite, EventBridge: local endpoint)" : "the embedded runtime";
        AnsiConsole.MarkupLine($"[bold]LambdaWorkflow[/] order fulfillment: [blue]{options.Workflows:N0}[/] orders on {where} (seed {options.Seed})");
        if (options.Target == SampleTarget.Emulators)
        {
            AnsiConsole.MarkupLine("[grey]Starting the emulators; the first run installs them with npm into .emulators/ (about 200 MB).[/]");
        }
        SampleSummary summary = null!;
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("Workflows", maxValue: options.Workflows);
                    var runner = new SampleRunner(options)
                    {
                        Progress = (done, total, steps) =>
                        {
                            task.Value = done;
                            task.Description = $"Workflows {done:N0}/{total:N0} · steps {steps:N0}";
                        },
                    };
                    summary = await runner.RunAsync(cancellationToken);
                });
        }
        else
        {
            var lastPercent = -1;
            var runner = new SampleRunner(options)
            {
                Progress = (done, total, steps) =>
                {
                    var percent = done * 100 / Math.Max(1, total);
                    if (percent / 25 != lastPercent / 25)
                    {
                        lastPercent = percent;
                        Console.WriteLine($"  {done,7:N0}/{total:N0} workflows finished, {steps:N0} steps");
                    }
                },
            };
            summary = await runner.RunAsync(cancellationToken);
        }

        Render(summary);
        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(summary, SampleJson.Default.SampleSummary));
        }

        return summary.Completed + summary.Compensated == summary.Workflows ? 0 : 1;
    }

    private static void Render(SampleSummary s)
    {
        var table = new Table().Title("[bold]Summary[/]").AddColumn("Measure").AddColumn(new TableColumn("Value").RightAligned());
        table.AddRow("Workflows", $"{s.Workflows:N0}");
        table.AddRow("[green]Completed[/]", $"{s.Completed:N0}");
        table.AddRow("[yellow]Compensated[/]", $"{s.Compensated:N0}");
        table.AddRow("[red]Failed[/]", $"{s.Failed:N0}");
        table.AddRow("Stuck / lost", $"{s.Stuck:N0} / {s.Lost:N0}");
        table.AddRow("Steps", $"{s.Steps:N0}");
        table.AddRow("Steps/s", $"{s.StepsPerSecond:N0}");
        table.AddRow("Workflow latency p50 / p99", $"{s.P50Ms:N1} ms / {s.P99Ms:N1} ms");
        table.AddRow("Service retries (transient)", $"{s.Retries:N0}");
        table.AddRow("Redeliveries / dead-lettered", $"{s.Redeliveries:N0} / {s.DeadLettered:N0}");
        table.AddRow("Elapsed", $"{s.Seconds:N2} s");
        table.AddRow("Outcome digest", s.OutcomeDigest);
        AnsiConsole.Write(table);
        if (s.AwsRequests is { } requests)
        {
            var aws = new Table().Title("[bold]AWS requests[/]").AddColumn("Kind").AddColumn(new TableColumn("Count").RightAligned());
            foreach (var (kind, count) in requests)
            {
                aws.AddRow(Markup.Escape(kind), $"{count:#,0.##}");
            }

            aws.AddRow("[grey]status reads by the sample (not above)[/]", $"[grey]{s.ObserverRequests:N0}[/]");
            AnsiConsole.Write(aws);
        }
    }
}
