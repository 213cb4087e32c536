using System.CommandLine;
using System.Globalization;
using Amazon.SQS.Model;
using LambdaWorkflow.Cli.DeadLetters;
using LambdaWorkflow.Cli.Hosting;
using LambdaWorkflow.Cli.Instances;
using LambdaWorkflow.Cli.Output;
using LambdaWorkflow.Contracts.Transport;
using Spectre.Console;

namespace LambdaWorkflow.Cli.Commands;

/// <summary><c>lwf dlq peek|redrive &lt;queue&gt;</c>: look at dead letters, and move them back to the queue they came from.</summary>
internal static class DlqCommand
{
    public static Command Create(CommandRunner run)
    {
        var command = new Command("dlq", "Dead-letter queues: peek at what failed and why, redrive it once fixed.");
        command.Subcommands.Add(Peek(run));
        command.Subcommands.Add(Redrive(run));
        return command;
    }

    private static Command Peek(CommandRunner run)
    {
        var queue = new Argument<string>("queue") { Description = "The dead-letter queue, by URL or name." };
        var max = MaxOption();
        var command = new Command("peek", "Shows dead letters with their reason and source; they stay in the queue (visible again at once).") { queue, max };
        command.SetAction((parseResult, token) => run(parseResult, async (context, cancellationToken) =>
        {
            var dlq = new DeadLetterQueue(context.Aws.Sqs, await context.QueueUrlAsync(parseResult.GetValue(queue)!, cancellationToken).ConfigureAwait(false));
            List<DeadLetterView> letters;
            try
            {
                letters = [.. (await dlq.ReceiveAsync(parseResult.GetValue(max), cancellationToken).ConfigureAwait(false)).Select(DeadLetterQueue.Describe)];
            }
            finally
            {
                await dlq.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
            }

            if (context.Format == OutputFormat.Json)
            {
                context.WriteJson<IReadOnlyList<DeadLetterView>>(letters, CliJson.Default.IReadOnlyListDeadLetterView);
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumns("Message", "Sent (UTC)", "Receives", "Kind", "Instance", "Reason", "Body");

            foreach (var l in letters)
            {
                table.AddRow(
                    Markup.Escape(l.MessageId),
                    l.SentAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "?",
                    l.ReceiveCount.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(l.Kind),
                    Markup.Escape(l.InstanceId ?? string.Empty),
                    Markup.Escape(l.Reason ?? "(moved by the queue's redrive policy)"),
                    Markup.Escape(l.BodyText ?? Payloads.Preview(l.Body)));
            }

            table.Caption($"{letters.Count} dead letter(s) in {dlq.Url}");
            context.Console.Write(table);
            return ExitCodes.Success;
        }, token));
        return command;
    }

    private static Command Redrive(CommandRunner run)
    {
        var queue = new Argument<string>("queue") { Description = "The dead-letter queue, by URL or name." };
        var to = new Option<string?>("--to") { Description = "Send them here (URL or name) instead of the queue each came from." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would move where; move nothing." };
        var max = MaxOption();
        var command = new Command(
            "redrive",
            "Moves dead letters back to the queue they came from (the lwf-source-queue attribute, --to, or the queue whose redrive policy targets this one), keeping FIFO groups. Exits 1 if any could not be moved.")
        {
            queue, to, dryRun, max,
        };
        command.SetAction((parseResult, token) => run(parseResult, async (context, cancellationToken) =>
        {
            var sqs = context.Aws.Sqs;
            var dlq = new DeadLetterQueue(sqs, await context.QueueUrlAsync(parseResult.GetValue(queue)!, cancellationToken).ConfigureAwait(false));
            var explicitTarget = parseResult.GetValue(to) is { } target ? await context.QueueUrlAsync(target, cancellationToken).ConfigureAwait(false) : null;
            var targets = new RedriveTargets(sqs, dlq.Url, explicitTarget);
            var dry = parseResult.GetValue(dryRun);
            var results = new List<RedriveResult>();
            try
            {
                foreach (var message in await dlq.ReceiveAsync(parseResult.GetValue(max), cancellationToken).ConfigureAwait(false))
                {
                    results.Add(await MoveAsync(sqs, dlq, targets, message, dry, cancellationToken).ConfigureAwait(false));
                }
            }
            finally
            {
                // Whatever was not moved goes back to being visible in the dead-letter queue.
                await dlq.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
            }

            Print(context, dlq.Url, results, dry);
            return results.Any(r => r.Action == "skipped") ? ExitCodes.Failed : ExitCodes.Success;
        }, token));
        return command;
    }

    private static async Task<RedriveResult> MoveAsync(Amazon.SQS.IAmazonSQS sqs, DeadLetterQueue dlq, RedriveTargets targets, Message message, bool dryRun, CancellationToken cancellationToken)
    {
        var letter = DeadLetterQueue.Describe(message);
        var (target, problem) = await targets.ResolveAsync(letter, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            return new RedriveResult(letter.MessageId, letter.Kind, null, null, "skipped", problem);
        }

        var fifo = target.TrimEnd('/').EndsWith(".fifo", StringComparison.Ordinal);
        var group = fifo ? letter.GroupId ?? letter.InstanceId ?? "redriven" : null;
        if (dryRun)
        {
            return new RedriveResult(letter.MessageId, letter.Kind, target, group, "would-move");
        }

        try
        {
            await sqs.SendMessageAsync(
                new SendMessageRequest
                {
                    QueueUrl = target,
                    MessageBody = message.Body,
                    MessageGroupId = group,
                    MessageDeduplicationId = fifo ? DeadLetterQueue.RedriveDeduplicationId(letter.MessageId) : null,

                    // The dead-letter bookkeeping belongs to the dead letter, not to the message sent back.
                    MessageAttributes = (message.MessageAttributes ?? [])
                        .Where(a => a.Key is not (DeadLetterAttributes.Reason or DeadLetterAttributes.SourceQueue or DeadLetterAttributes.OriginalMessageId))
                        .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Amazon.SQS.AmazonSQSException ex)
        {
            return new RedriveResult(letter.MessageId, letter.Kind, target, group, "skipped", $"{ex.ErrorCode}: {ex.Message}");
        }

        // Sent first, deleted second: a failure in between leaves a duplicate, which every receiver tolerates, never a loss.
        await dlq.DeleteAsync(message, cancellationToken).ConfigureAwait(false);
        return new RedriveResult(letter.MessageId, letter.Kind, target, group, "moved");
    }

    private static void Print(CommandContext context, string dlqUrl, List<RedriveResult> results, bool dryRun)
    {
        if (context.Format == OutputFormat.Json)
        {
            context.WriteJson<IReadOnlyList<RedriveResult>>(results, CliJson.Default.IReadOnlyListRedriveResult);
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("Message", "Kind", "Action", "Target", "Group", "Problem");

        foreach (var r in results)
        {
            table.AddRow(
                Markup.Escape(r.MessageId),
                Markup.Escape(r.Kind),
                r.Action == "skipped" ? "[red]skipped[/]" : r.Action,
                Markup.Escape(r.Target ?? string.Empty),
                Markup.Escape(r.GroupId ?? string.Empty),
                Markup.Escape(r.Error ?? string.Empty));
        }

        var moved = results.Count(r => r.Action is "moved" or "would-move");
        table.Caption(dryRun ? $"dry run: {moved} of {results.Count} would move from {dlqUrl}" : $"{moved} of {results.Count} moved from {dlqUrl}");
        context.Console.Write(table);
    }

    private static Option<int> MaxOption()
    {
        var max = new Option<int>("--max") { Description = "At most this many messages.", DefaultValueFactory = _ => 100 };
        max.Validators.Add(r => { if (OptionValues.Parsed<int>(r) is < 1 or > 10_000) { r.AddError("--max must be between 1 and 10,000."); } });
        return max;
    }
}
