using System.CommandLine;
using System.Globalization;
using LambdaWorkflow.Cli.Hosting;
using LambdaWorkflow.Cli.Instances;
using LambdaWorkflow.Cli.Output;
using LambdaWorkflow.Orchestrator.State;
using Spectre.Console;

namespace LambdaWorkflow.Cli.Commands;

/// <summary><c>lwf instances</c>: instances by workflow, status and time, most recently updated first.</summary>
internal static class InstancesCommand
{
    public static Command Create(CommandRunner run)
    {
        var workflow = new Option<string?>("--workflow") { Description = "Only instances of this workflow." };
        var status = new Option<WorkflowStatus?>("--status") { Description = "Only instances in this status: Running, Completed, Failed, Faulted or Cancelled." };
        var since = new Option<string?>("--since") { Description = "Only instances updated since: a duration back from now (90s, 15m, 2h, 7d) or an ISO 8601 time." };
        var limit = new Option<int>("--limit") { Description = "At most this many.", DefaultValueFactory = _ => 50 };
        limit.Validators.Add(r => { if (OptionValues.Parsed<int>(r) is < 1 or > 100_000) { r.AddError("--limit must be between 1 and 100,000."); } });
        var command = new Command(
            "instances",
            "Workflow instances, most recently updated first. On DynamoDB this scans the whole state table (an operator's tool: it reads every item).")
        {
            workflow, status, since, limit,
        };
        command.SetAction((parseResult, token) => run(parseResult, async (context, cancellationToken) =>
        {
            DateTimeOffset? updatedAfter = null;
            if (parseResult.GetValue(since) is { } text)
            {
                updatedAfter = Durations.TryParseSince(text, context.Now, out var at)
                    ? at
                    : throw new CliException($"--since '{text}' is neither a duration (90s, 15m, 2h, 7d) nor an ISO 8601 time.");
            }

            var (_, lister) = context.OpenState();
            var found = await lister.ListAsync(
                new InstanceQuery(parseResult.GetValue(status), parseResult.GetValue(workflow), updatedAfter, parseResult.GetValue(limit)),
                cancellationToken).ConfigureAwait(false);
            var views = found.Select(m => InstanceView.From(m, withPayloads: false)).ToList();
            if (context.Format == OutputFormat.Json)
            {
                context.WriteJson<IReadOnlyList<InstanceView>>(views, CliJson.Default.IReadOnlyListInstanceView);
                return ExitCodes.Success;
            }

            if (views.Count == 0)
            {
                context.Console.MarkupLine("[yellow]No instances match.[/]");
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumns("Instance", "Workflow", "Status", "Events", "Created (UTC)", "Updated (UTC)", "Duration", "Error / status");

            foreach (var v in views)
            {
                table.AddRow(
                    Markup.Escape(v.InstanceId),
                    Markup.Escape(v.Workflow),
                    $"[{StatusStyle(v.Status)}]{v.Status}[/]",
                    v.EventCount.ToString(CultureInfo.InvariantCulture),
                    v.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    v.UpdatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Durations.Format(TimeSpan.FromMilliseconds(v.DurationMs)),
                    Markup.Escape(v.Error?.ToString() ?? Payloads.Preview(v.CustomStatus)));
            }

            table.Caption($"{views.Count} instance(s)");
            context.Console.Write(table);
            return ExitCodes.Success;
        }, token));
        return command;
    }

    internal static string StatusStyle(string status) => status switch
    {
        nameof(WorkflowStatus.Completed) => "green",
        nameof(WorkflowStatus.Running) => "blue",
        nameof(WorkflowStatus.Cancelled) => "yellow",
        _ => "red",
    };
}
