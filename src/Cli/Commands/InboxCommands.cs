using System.CommandLine;
using System.Text;
using System.Text.Json;
using LambdaWorkflow.Cli.Hosting;
using LambdaWorkflow.Cli.Output;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using Spectre.Console;

namespace LambdaWorkflow.Cli.Commands;

/// <summary>
/// <c>lwf start</c>, <c>lwf signal</c>, <c>lwf cancel</c> and <c>lwf resume</c>: inbox messages with raw JSON payloads, sent to a deployed
/// inbox. The workflow types live in the deployment, not here, so inputs are not checked beyond being JSON.
/// </summary>
internal static class InboxCommands
{
    public static IEnumerable<Command> Create(CommandRunner run)
    {
        yield return Start(run);
        yield return Signal(run);
        yield return Cancel(run);
        yield return Resume(run);
    }

    private static Command Start(CommandRunner run)
    {
        var workflow = new Argument<string>("workflow") { Description = "The registered workflow name." };
        var input = new Option<string?>("--input") { Description = "The input as JSON text." };
        var inputFile = new Option<string?>("--input-file") { Description = "A file holding the input JSON." };
        var id = new Option<string?>("--id") { Description = "The instance id; a new one when omitted. Starting an existing id again is a duplicate and does nothing." };
        var command = new Command("start", "Starts a workflow instance through the inbox queue.") { workflow, input, inputFile, id };
        command.SetAction((parseResult, token) => run(parseResult, async (context, cancellationToken) =>
        {
            var json = (parseResult.GetValue(input), parseResult.GetValue(inputFile)) switch
            {
                ({ } text, null) => text,
                (null, { } file) => await File.ReadAllTextAsync(context.Environment.Resolve(file), cancellationToken).ConfigureAwait(false),
                (null, null) => throw new CliException("Give the workflow's input with --input <json> or --input-file <path>."),
                _ => throw new CliException("Give either --input or --input-file, not both."),
            };
            var message = new StartWorkflow
            {
                InstanceId = parseResult.GetValue(id) ?? Guid.NewGuid().ToString("N"),
                Workflow = parseResult.GetValue(workflow)!,
                Input = Json(json, "--input"),
            };
            return await SendAsync(context, message, new SentMessage(message.Type, message.InstanceId, string.Empty, Workflow: message.Workflow), cancellationToken).ConfigureAwait(false);
        }, token));
        return command;
    }

    private static Command Signal(CommandRunner run)
    {
        var instance = new Argument<string>("instanceId") { Description = "The instance to signal." };
        var name = new Argument<string>("eventName") { Description = "The event's name, which the workflow waits for." };
        var payload = new Option<string>("--payload") { Description = "The event's payload as JSON text.", DefaultValueFactory = _ => "null" };
        var eventId = new Option<string?>("--event-id") { Description = "The sender's id of the event; sending the same id again is a duplicate. A new one when omitted." };
        var command = new Command("signal", "Raises an external event on an instance through the inbox queue.") { instance, name, payload, eventId };
        command.SetAction((parseResult, token) => run(parseResult, (context, cancellationToken) =>
        {
            var message = new EventRaised
            {
                InstanceId = parseResult.GetValue(instance)!,
                EventName = parseResult.GetValue(name)!,
                EventId = parseResult.GetValue(eventId) ?? Guid.NewGuid().ToString("N"),
                Payload = Json(parseResult.GetValue(payload)!, "--payload"),
            };
            return SendAsync(context, message, new SentMessage(message.Type, message.InstanceId, string.Empty, EventName: message.EventName, EventId: message.EventId), cancellationToken);
        }, token));
        return command;
    }

    private static Command Cancel(CommandRunner run)
    {
        var instance = new Argument<string>("instanceId") { Description = "The instance to cancel." };
        var reason = new Option<string?>("--reason") { Description = "Why, for the record." };
        var command = new Command("cancel", "Asks an instance to cancel through the inbox queue; it may compensate before it ends as cancelled.") { instance, reason };
        command.SetAction((parseResult, token) => run(parseResult, (context, cancellationToken) =>
        {
            var message = new CancelRequested { InstanceId = parseResult.GetValue(instance)!, Reason = parseResult.GetValue(reason) };
            return SendAsync(context, message, new SentMessage(message.Type, message.InstanceId, string.Empty), cancellationToken);
        }, token));
        return command;
    }

    private static Command Resume(CommandRunner run)
    {
        var instance = new Argument<string>("instanceId") { Description = "The faulted instance to run again." };
        var reason = new Option<string?>("--reason") { Description = "Why, for the record (for example the fixed version)." };
        var command = new Command("resume", "Asks a faulted instance to run again on the code deployed now, after a fix; other instances ignore it.") { instance, reason };
        command.SetAction((parseResult, token) => run(parseResult, (context, cancellationToken) =>
        {
            var message = new ResumeRequested { InstanceId = parseResult.GetValue(instance)!, RequestId = Guid.NewGuid().ToString("N"), Reason = parseResult.GetValue(reason) };
            return SendAsync(context, message, new SentMessage(message.Type, message.InstanceId, string.Empty), cancellationToken);
        }, token));
        return command;
    }

    private static async Task<int> SendAsync(CommandContext context, InboxMessage message, SentMessage sent, CancellationToken cancellationToken)
    {
        try
        {
            message.Validate();
        }
        catch (MessageFormatException ex)
        {
            throw new CliException(ex.Message, ex);
        }

        var inbox = context.OpenInbox();
        await inbox.SendAsync([message], cancellationToken).ConfigureAwait(false);
        sent = sent with { Inbox = inbox.Address };
        if (context.Format == OutputFormat.Json)
        {
            context.WriteJson(sent, CliJson.Default.SentMessage);
        }
        else
        {
            context.Console.MarkupLine($"Sent [bold]{message.Type}[/] for instance [bold]{Markup.Escape(message.InstanceId)}[/] to {Markup.Escape(inbox.Address)}.");
        }

        return ExitCodes.Success;
    }

    private static JsonPayload Json(string text, string option)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return new JsonPayload(Encoding.UTF8.GetBytes(document.RootElement.GetRawText()));
        }
        catch (JsonException ex)
        {
            throw new CliException($"{option} is not valid JSON: {ex.Message}", ex);
        }
    }
}
