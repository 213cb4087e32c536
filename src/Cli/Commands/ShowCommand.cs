using System.CommandLine;
using System.Globalization;
using LambdaWorkflow.Cli.Hosting;
using LambdaWorkflow.Cli.Instances;
using LambdaWorkflow.Cli.Output;
using Spectre.Console;

namespace LambdaWorkflow.Cli.Commands;

/// <summary><c>lwf show &lt;instanceId&gt;</c>: an instance and the timeline of its history.</summary>
internal static class ShowCommand
{
    public static Command Create(CommandRunner run)
    {
        var instance = new Argument<string>("instanceId") { Description = "The instance to show." };
        var command = new Command("show", "An instance and the timeline of its history: calls, results, timers, events, with durations and errors.") { instance };
        command.SetAction((parseResult, token) => run(parseResult, async (context, cancellationToken) =>
        {
            var id = parseResult.GetValue(instance)!;
            var (store, _) = context.OpenState();
            var snapshot = await store.LoadAsync(id, cancellationToken).ConfigureAwait(false)
                ?? throw new CliException($"There is no instance '{id}'.");
            var details = new InstanceDetails(InstanceView.From(snapshot.Metadata, withPayloads: true), Timeline.From(snapshot.History));
            if (context.Format == OutputFormat.Json)
            {
                context.WriteJson(details, CliJson.Default.InstanceDetails);
            }
            else
            {
                Print(context.Console, details);
            }

            return ExitCodes.Success;
        }, token));
        return command;
    }

    private static void Print(IAnsiConsole console, InstanceDetails details)
    {
        var v = details.Instance;
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("[bold]Instance[/]", Markup.Escape(v.InstanceId));
        grid.AddRow("[bold]Workflow[/]", Markup.Escape(v.Workflow));
        grid.AddRow("[bold]Status[/]", $"[{InstancesCommand.StatusStyle(v.Status)}]{v.Status}[/] after {Durations.Format(TimeSpan.FromMilliseconds(v.DurationMs))}, {v.EventCount} events, version {v.Version}");
        grid.AddRow("[bold]Created[/]", v.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + " UTC");
        grid.AddRow("[bold]Input[/]", Markup.Escape(Payloads.Preview(v.Input)));
        if (v.Output is not null)
        {
            grid.AddRow("[bold]Output[/]", Markup.Escape(Payloads.Preview(v.Output)));
        }

        if (v.CustomStatus is not null)
        {
            grid.AddRow("[bold]Custom status[/]", Markup.Escape(Payloads.Preview(v.CustomStatus)));
        }

        if (v.Error is { } error)
        {
            grid.AddRow("[bold red]Error[/]", Markup.Escape(error.ToString()));
        }

        console.Write(grid);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("#").RightAligned());
        table.AddColumn(new TableColumn("At").RightAligned());
        table.AddColumn("Event");
        table.AddColumn("What");
        table.AddColumn(new TableColumn("Took").RightAligned());
        table.AddColumn("Detail");
        foreach (var e in details.Timeline)
        {
            var failed = e.Error is not null;
            table.AddRow(
                e.Sequence.ToString(CultureInfo.InvariantCulture),
                "+" + Durations.Format(TimeSpan.FromMilliseconds(e.OffsetMs)),
                failed ? $"[red]{e.Type}[/]" : e.Type,
                Markup.Escape(e.Summary),
                e.DurationMs is { } ms ? Durations.Format(TimeSpan.FromMilliseconds(ms)) : string.Empty,
                failed ? $"[red]{Markup.Escape(e.Error!.ToString())}[/]" : Markup.Escape(Payloads.Preview(e.Payload)));
        }

        console.Write(table);
    }
}
