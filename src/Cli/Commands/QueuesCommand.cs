using System.CommandLine;
using System.Globalization;
using LambdaWorkflow.Cli.Hosting;
using LambdaWorkflow.Cli.Output;
using LambdaWorkflow.Cli.Queues;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LambdaWorkflow.Cli.Commands;

/// <summary><c>lwf queues</c>: depth of every inbox, service and dead-letter queue, once or refreshed in place.</summary>
internal static class QueuesCommand
{
    public static Command Create(CommandRunner run)
    {
        var prefix = new Option<string>("--prefix") { Description = "List the queues whose names start with this.", DefaultValueFactory = _ => "lwf-" };
        var queue = new Option<string[]>("--queue") { Description = "Show exactly these queues (URL or name) instead of listing by prefix; repeatable.", AllowMultipleArgumentsPerToken = false };
        var watch = new Option<bool>("--watch", "-w") { Description = "Refresh in place until Ctrl+C (with --output json: one JSON document per refresh)." };
        var interval = new Option<double>("--interval") { Description = "Seconds between refreshes of --watch.", DefaultValueFactory = _ => 2 };
        var times = new Option<int>("--times") { Description = "Stop --watch after this many refreshes; 0 refreshes until Ctrl+C.", DefaultValueFactory = _ => 0 };
        var age = new Option<AgeMode>("--age")
        {
            Description = "Which queues to peek at for the age of their oldest message (SQS has no attribute for it): dlq (default; harmless there), all (a peek counts as a receive, bringing messages closer to their DLQ), none.",
            DefaultValueFactory = _ => AgeMode.Dlq,
        };
        interval.Validators.Add(r => { if (OptionValues.Parsed<double>(r) is < 0.1 or > 3600) { r.AddError("--interval must be between 0.1 and 3600 seconds."); } });
        times.Validators.Add(r => { if (OptionValues.Parsed<int>(r) < 0) { r.AddError("--times must not be negative."); } });
        var command = new Command("queues", "Depth of every inbox, service and dead-letter queue: visible, in flight, delayed, age of the oldest message. Exits 3 when a dead-letter queue holds messages.")
        {
            prefix, queue, watch, interval, times, age,
        };
        command.SetAction((parseResult, token) => run(parseResult, async (context, cancellationToken) =>
        {
            var inspector = new QueueInspector(context.Aws.Sqs, context.Environment.TimeProvider);
            var urls = new List<string>();
            foreach (var name in parseResult.GetValue(queue) ?? [])
            {
                urls.Add(await context.QueueUrlAsync(name, cancellationToken).ConfigureAwait(false));
            }

            var settings = (Prefix: parseResult.GetValue(prefix) ?? string.Empty, Urls: urls, Age: parseResult.GetValue(age));
            Task<IReadOnlyList<QueueStatus>> InspectAsync() => inspector.InspectAsync(settings.Prefix, settings.Urls, settings.Age, cancellationToken);
            var statuses = await InspectAsync().ConfigureAwait(false);
            if (!parseResult.GetValue(watch))
            {
                Print(context, statuses, refreshedAt: null);
                return ExitCode(statuses);
            }

            var watcher = new Watcher(context, TimeSpan.FromSeconds(parseResult.GetValue(interval)), parseResult.GetValue(times), cancellationToken);
            statuses = await watcher.RunAsync(statuses, InspectAsync).ConfigureAwait(false);
            return ExitCode(statuses);
        }, token));
        return command;
    }

    /// <summary>The table of one refresh.</summary>
    internal static IRenderable Render(IReadOnlyList<QueueStatus> statuses, DateTimeOffset? refreshedAt)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Queue");
        table.AddColumn("Kind");
        table.AddColumn(new TableColumn("Visible").RightAligned());
        table.AddColumn(new TableColumn("In flight").RightAligned());
        table.AddColumn(new TableColumn("Delayed").RightAligned());
        table.AddColumn(new TableColumn("Oldest").RightAligned());
        table.AddColumn("Dead letters to / from");
        foreach (var q in statuses)
        {
            var style = q.NeedsAttention ? "red bold" : q.Kind == QueueKinds.DeadLetter ? "grey" : "default";
            table.AddRow(
                new Markup(Markup.Escape(q.Name), new Style(decoration: q.NeedsAttention ? Decoration.Bold : Decoration.None)),
                new Markup($"[{style}]{q.Kind}[/]"),
                new Text(q.Visible.ToString("N0", CultureInfo.InvariantCulture)),
                new Text(q.InFlight.ToString("N0", CultureInfo.InvariantCulture)),
                new Text(q.Delayed.ToString("N0", CultureInfo.InvariantCulture)),
                new Text(Age(q)),
                new Text(q.Kind == QueueKinds.DeadLetter ? (q.Sources.Count > 0 ? "← " + string.Join(", ", q.Sources) : "←") : q.DeadLetterQueue is { } d ? "→ " + d : string.Empty));
        }

        var attention = statuses.Count(q => q.NeedsAttention);
        var caption = attention == 0 ? "no dead letters" : $"[red bold]{attention} dead-letter queue(s) hold messages[/]";
        if (refreshedAt is { } at)
        {
            caption += $" · refreshed {at.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC · Ctrl+C stops";
        }

        table.Caption(caption);
        return statuses.Count == 0 ? new Markup("[yellow]No queues found.[/] Check --prefix, --queue and the endpoint.") : table;
    }

    internal static void Print(CommandContext context, IReadOnlyList<QueueStatus> statuses, DateTimeOffset? refreshedAt)
    {
        if (context.Format == OutputFormat.Json)
        {
            context.WriteJson(statuses, CliJson.Default.IReadOnlyListQueueStatus);
        }
        else
        {
            context.Console.Write(Render(statuses, refreshedAt));
        }
    }

    private static string Age(QueueStatus q) => q.OldestAgeSeconds is { } seconds
        ? Durations.Format(TimeSpan.FromSeconds(seconds))
        : q.AgeSource == "peek" || q.Visible == 0 ? "-" : "n/a";

    private static int ExitCode(IReadOnlyList<QueueStatus> statuses) =>
        statuses.Any(q => q.NeedsAttention) ? ExitCodes.DeadLettersPending : ExitCodes.Success;
}
