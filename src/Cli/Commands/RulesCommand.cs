using System.CommandLine;
using System.Text.Json;
using LambdaWorkflow.Cli.Hosting;
using LambdaWorkflow.Cli.Output;
using LambdaWorkflow.Local.Routing;
using Spectre.Console;

namespace LambdaWorkflow.Cli.Commands;

/// <summary>
/// <c>lwf rules test &lt;event.json&gt;</c>: which EventBridge rules of a CloudFormation template match an event, with
/// the project's own pattern matcher (the one the embedded runtime routes with).
/// </summary>
internal static class RulesCommand
{
    public static Command Create(CommandRunner run)
    {
        var command = new Command("rules", "EventBridge rules as the templates define them.");
        command.Subcommands.Add(Test(run));
        return command;
    }

    private static Command Test(CommandRunner run)
    {
        var eventFile = new Argument<string>("event.json") { Description = "A file holding the whole EventBridge event (source, detail-type, detail, ...)." };
        var template = new Option<string>("--template") { Description = "The CloudFormation template whose AWS::Events::Rule resources are tested.", DefaultValueFactory = _ => Path.Combine("infra", "service.yaml") };
        var services = new Option<string[]>("--service") { Description = "Instantiate the service module once per service (its ServiceName parameter); repeatable." };
        var parameters = new Option<string[]>("--parameter") { Description = "A template parameter as Name=Value; repeatable. Others take their defaults." };
        var command = new Command("test", "Shows which rules of a template match an event. Exits 4 when none does.") { eventFile, template, services, parameters };
        command.SetAction((parseResult, token) => run(parseResult, async (context, cancellationToken) =>
        {
            var eventPath = context.Environment.Resolve(parseResult.GetValue(eventFile)!);
            var templatePath = context.Environment.Resolve(parseResult.GetValue(template)!);
            var eventJson = File.Exists(eventPath)
                ? await File.ReadAllTextAsync(eventPath, cancellationToken).ConfigureAwait(false)
                : throw new CliException($"The event file '{eventPath}' does not exist.");
            if (!File.Exists(templatePath))
            {
                throw new CliException($"The template '{templatePath}' does not exist; pass --template <path>.");
            }

            var values = Parameters(parseResult.GetValue(parameters) ?? []);
            var matches = Match(eventJson, await File.ReadAllTextAsync(templatePath, cancellationToken).ConfigureAwait(false), templatePath, parseResult.GetValue(services) ?? [], values);
            Print(context, matches);
            return matches.Any(m => m.Matched) ? ExitCodes.Success : ExitCodes.NoRuleMatched;
        }, token));
        return command;
    }

    internal static List<RuleMatch> Match(string eventJson, string templateText, string templatePath, IReadOnlyList<string> services, Dictionary<string, string> parameters)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(eventJson);
        }
        catch (JsonException ex)
        {
            throw new CliException($"The event is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CliException("The event must be a JSON object: the whole EventBridge event, with source, detail-type and detail.");
            }

            try
            {
                if (services.Count == 0)
                {
                    return [.. CloudFormationRuleLoader.ReadRules(templateText, parameters).Select(rule => new RuleMatch(
                        rule.Name, null, string.Join(", ", rule.TargetResources.Select(t => t.Length == 0 ? "(outside the template)" : t)), rule.Pattern.Matches(document.RootElement), rule.Pattern.ToString()))];
                }

                var matches = new List<RuleMatch>();
                foreach (var service in services)
                {
                    foreach (var rule in CloudFormationRuleLoader.LoadServiceRules(templatePath, [service], parameters: parameters))
                    {
                        matches.Add(new RuleMatch(rule.Name, service, rule.Target, rule.Pattern.Matches(document.RootElement), rule.Pattern.ToString()));
                    }
                }

                return matches;
            }
            catch (Exception ex) when (ex is CloudFormationTemplateException or EventPatternException)
            {
                throw new CliException($"The template's rules could not be read: {ex.Message}" + (services.Count == 0 ? " (a service module needs --service <name>)" : string.Empty), ex);
            }
        }
    }

    private static Dictionary<string, string> Parameters(string[] pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals < 1)
            {
                throw new CliException($"--parameter '{pair}' is not Name=Value.");
            }

            values[pair[..equals]] = pair[(equals + 1)..];
        }

        return values;
    }

    private static void Print(CommandContext context, List<RuleMatch> matches)
    {
        if (context.Format == OutputFormat.Json)
        {
            context.WriteJson<IReadOnlyList<RuleMatch>>(matches, CliJson.Default.IReadOnlyListRuleMatch);
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("Rule", "Matches", "Target", "Pattern");

        foreach (var m in matches)
        {
            table.AddRow(Markup.Escape(m.Rule), m.Matched ? "[green]yes[/]" : "no", Markup.Escape(m.Target), Markup.Escape(m.Pattern));
        }

        var count = matches.Count(m => m.Matched);
        table.Caption(count == 0 ? "[yellow]no rule matches[/]" : $"{count} of {matches.Count} rule(s) match");
        context.Console.Write(table);
    }
}
