using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LambdaWorkflow.Cost;

/// <summary>Prints the model: counts, assumptions, our bill by part, and the Step Functions comparison.</summary>
internal static class CostReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Text(CostModel model)
    {
        var usage = model.Usage;
        var text = new StringBuilder();
        Line(text, $"Source: {usage.Source}");
        Line(text, $"Workflows {usage.Workflows:#,0}, steps {usage.Steps:#,0}, orchestrator turns {usage.Turns:#,0}, compensated {usage.Compensated:#,0}");
        Line(text, $"Lambda invocations {model.Invocations:#,0} (orchestrator share {model.OrchestratorShare:P0})");
        var sqs = model.Sqs;
        if (sqs.Measured)
        {
            Line(text, $"SQS requests by queue type, counted: standard {sqs.Standard:#,0}, FIFO {sqs.Fifo:#,0} (false empty receives left out)");
        }
        else
        {
            Line(text, $"SQS requests by queue type NOT in this summary (saved before they were counted): standard {sqs.Standard:#,0} assumed (the sends to the service queues), every other request ({sqs.Fifo:#,0}) priced as FIFO");
        }

        if (model.Batches is { } batches)
        {
            Line(text, $"Batch sizes: messages per invocation orchestrator {batches.InboxPerInvocation:0.00}, service {batches.ServicePerInvocation:0.00}; per billed receive inbox {batches.InboxPerReceive:0.00}, service queues {batches.ServicePerReceive:0.00}; per delete batch inbox {batches.InboxPerDelete:0.00}, service queues {batches.ServicePerDelete:0.00}; replies per send request {batches.RepliesPerSend:0.00}; calls per send request to the service queues {batches.CallsPerSend:0.00}");
        }
        text.AppendLine();
        text.AppendLine("Counts:");
        foreach (var line in usage.Describe())
        {
            text.Append("  ").AppendLine(line);
        }

        text.AppendLine();
        text.AppendLine("Assumptions:");
        Line(text, $"  orchestrator {model.Assumptions.OrchestratorMemoryGb * 1024:0} MB x {model.Assumptions.OrchestratorSecondsPerInvocation * 1000:0} ms per invocation; service host {model.Assumptions.ServiceMemoryGb * 1024:0} MB x {model.Assumptions.ServiceOverheadSecondsPerInvocation * 1000:0} ms overhead (handler work excluded on both sides)");
        Line(text, $"  {model.Assumptions.LogBytesPerInvocation:0} log bytes per invocation; every message and entry under 64 KB; free tiers ignored");
        Line(text, $"  Express: {model.Assumptions.ExpressMemoryGb * 1000:0} MB x {model.Assumptions.ExpressSecondsPerWorkflow * 1000:0} ms per workflow; Standard: {model.StandardTransitions:#,0} transitions");
        text.AppendLine();
        Table(text, "LambdaWorkflow", model, model.Ours());
        Table(text, "Step Functions Standard", model, model.StepFunctionsStandard());
        Table(text, "Step Functions Express", model, model.StepFunctionsExpress());
        Table(text, "Lambda durable functions (a floor)", model, model.LambdaDurableFunctionsFloor());
        var ours = model.PerMillionSteps(model.Ours());
        var standard = model.PerMillionSteps(model.StepFunctionsStandard());
        var express = model.PerMillionSteps(model.StepFunctionsExpress());
        var durable = model.PerMillionSteps(model.LambdaDurableFunctionsFloor());
        Line(text, $"Per million steps: LambdaWorkflow ${ours:0.00}, Step Functions Standard ${standard:0.00} (ours = {ours / standard:P0} of it; target <= 10%), Express ${express:0.00}, Lambda durable functions at least ${durable:0.00} (ours = {ours / durable:P0} of it)");
        Line(text, $"Per workflow: LambdaWorkflow ${model.PerMillionWorkflows(model.Ours()) / 1e6:0.000000}, Standard ${model.PerMillionWorkflows(model.StepFunctionsStandard()) / 1e6:0.000000}, Express ${model.PerMillionWorkflows(model.StepFunctionsExpress()) / 1e6:0.000000}");
        return text.ToString();
    }

    public static string Json(CostModel model, CostModel? direct)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("source", model.Usage.Source);
            json.WriteNumber("steps", model.Usage.Steps);
            json.WriteNumber("workflows", model.Usage.Workflows);
            json.WriteNumber("costPerMillionSteps", Round(model.PerMillionSteps(model.Ours())));
            json.WriteStartObject("parts");
            foreach (var line in model.Ours())
            {
                json.WriteNumber(line.Key, Round(line.Dollars / model.Usage.Steps * 1e6));
            }

            json.WriteEndObject();
            json.WriteNumber("costPerMillionWorkflows", Round(model.PerMillionWorkflows(model.Ours())));
            json.WriteNumber("stepFunctionsStandardPerMillionSteps", Round(model.PerMillionSteps(model.StepFunctionsStandard())));
            json.WriteNumber("stepFunctionsStandardPerMillionWorkflows", Round(model.PerMillionWorkflows(model.StepFunctionsStandard())));
            json.WriteNumber("stepFunctionsExpressPerMillionSteps", Round(model.PerMillionSteps(model.StepFunctionsExpress())));
            json.WriteNumber("stepFunctionsExpressPerMillionWorkflows", Round(model.PerMillionWorkflows(model.StepFunctionsExpress())));
            json.WriteNumber("lambdaDurableFunctionsFloorPerMillionSteps", Round(model.PerMillionSteps(model.LambdaDurableFunctionsFloor())));
            WriteSqsAndBatches(json, model);
            if (direct is not null)
            {
                json.WriteStartObject("directDispatch");
                json.WriteString("source", direct.Usage.Source);
                json.WriteNumber("costPerMillionSteps", Round(direct.PerMillionSteps(direct.Ours())));
                json.WriteStartObject("parts");
                foreach (var line in direct.Ours())
                {
                    json.WriteNumber(line.Key, Round(line.Dollars / direct.Usage.Steps * 1e6));
                }

                json.WriteEndObject();
                json.WriteNumber("stepFunctionsStandardPerMillionSteps", Round(direct.PerMillionSteps(direct.StepFunctionsStandard())));
                WriteSqsAndBatches(json, direct);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Whether the SQS split was counted or assumed, and the batch sizes when the summary has them.</summary>
    private static void WriteSqsAndBatches(Utf8JsonWriter json, CostModel model)
    {
        json.WriteString("sqsQueueTypes", model.Sqs.Measured ? "counted" : "assumed");
        if (model.Batches is not { } batches)
        {
            return;
        }

        json.WriteStartObject("batchSizes");
        json.WriteNumber("inboxPerInvocation", Round(batches.InboxPerInvocation));
        json.WriteNumber("servicePerInvocation", Round(batches.ServicePerInvocation));
        json.WriteNumber("inboxPerReceive", Round(batches.InboxPerReceive));
        json.WriteNumber("servicePerReceive", Round(batches.ServicePerReceive));
        json.WriteNumber("inboxPerDelete", Round(batches.InboxPerDelete));
        json.WriteNumber("servicePerDelete", Round(batches.ServicePerDelete));
        json.WriteNumber("repliesPerSend", Round(batches.RepliesPerSend));
        json.WriteNumber("callsPerSend", Round(batches.CallsPerSend));
        json.WriteEndObject();
    }

    private static void Table(StringBuilder text, string title, CostModel model, IReadOnlyList<CostLine> lines)
    {
        Line(text, $"{title}:");
        Line(text, $"  {"part",-16} {"quantity",14} {"unit price",14} {"$ / run",12} {"$ / M steps",12}");
        foreach (var line in lines)
        {
            Line(text, $"  {line.Key,-16} {line.Quantity,14:#,0.####} {line.UnitPrice,14:0.##########} {line.Dollars,12:0.000000} {line.Dollars / model.Usage.Steps * 1e6,12:0.000}");
        }

        Line(text, $"  {"total",-16} {"",14} {"",14} {lines.Sum(l => l.Dollars),12:0.000000} {model.PerMillionSteps(lines),12:0.000}");
        text.AppendLine();
    }

    private static double Round(double value) => Math.Round(value, 4);

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(Invariant));
}
