using System.Text.Json;
using Approval.Domain;
using Spectre.Console;

namespace Approval;

/// <summary>The console face of the sample: a live progress bar on the virtual calendar, then the summary table.</summary>
internal static class ApprovalConsole
{
    public static async Task<int> RunAsync(ApprovalOptions options, CancellationToken cancellationToken)
    {
        AnsiConsole.MarkupLine($"[bold]LambdaWorkflow[/] expense approvals: [blue]{options.Requests:N0}[/] requests (seed {options.Seed})");
        AnsiConsole.MarkupLine($"Approvers get 3 days, managers 2 more; a virtual day lasts {TimeSpan.FromDays(1).TotalSeconds / options.Speed:N2} s.");
        ApprovalSummary summary = null!;
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("Decided", maxValue: options.Requests);
                    var runner = new ApprovalRunner(options)
                    {
                        Progress = p =>
                        {
                            task.Value = p.Decided;
                            task.Description = $"Day {p.VirtualElapsed.TotalDays:N1} · decided {p.Decided:N0}/{p.Total:N0} · escalated {p.Escalations:N0}";
                        },
                    };
                    summary = await runner.RunAsync(cancellationToken);
                });
        }
        else
        {
            var lastDay = -1;
            var runner = new ApprovalRunner(options)
            {
                Progress = p =>
                {
                    var day = (int)p.VirtualElapsed.TotalDays;
                    if (day != lastDay)
                    {
                        lastDay = day;
                        Console.WriteLine($"  day {day}: {p.Decided,5:N0}/{p.Total:N0} decided, {p.Escalations:N0} escalated");
                    }
                },
            };
            summary = await runner.RunAsync(cancellationToken);
        }

        Render(summary);
        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(summary, ApprovalJson.Default.ApprovalSummary));
        }

        return summary.Stuck + summary.Failed == 0 ? 0 : 1;
    }

    private static void Render(ApprovalSummary s)
    {
        var table = new Table().Title("[bold]Summary[/]").AddColumn("Measure").AddColumn(new TableColumn("Value").RightAligned());
        table.AddRow("Requests", $"{s.Requests:N0}");
        table.AddRow("[green]Approved[/]", $"{s.Approved:N0}");
        table.AddRow("[yellow]Rejected[/]", $"{s.Rejected:N0}");
        table.AddRow("Escalated (no answer in 3 days)", $"{s.Escalated:N0}");
        table.AddRow("Approved after escalation", $"{s.ApprovedAfterEscalation:N0}");
        table.AddRow("[red]Timed out completely (auto-rejected)[/]", $"{s.TimedOutCompletely:N0}");
        table.AddRow("Stuck / failed", $"{s.Stuck:N0} / {s.Failed:N0}");
        table.AddRow("Decisions recorded", $"{s.DecisionsRecorded:N0}");
        table.AddRow("Median time to a person's decision", $"{s.MedianDecisionHours:N1} h (virtual)");
        table.AddRow("Virtual time passed", $"{s.VirtualDays:N2} days");
        table.AddRow("Steps", $"{s.Steps:N0}");
        table.AddRow("Wall time", $"{s.WallSeconds:N2} s");
        table.AddRow("Outcome digest", s.OutcomeDigest);
        AnsiConsole.Write(table);
    }
}
