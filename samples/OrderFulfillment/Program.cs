using LambdaWorkflow.Samples;
using System.CommandLine;
using OrderFulfillment;
using OrderFulfillment.Services;
using OrderFulfillment.Targets;

var workflows = new Option<int>("--workflows", "-n") { Description = "How many orders to run.", DefaultValueFactory = _ => 200 };
var seed = new Option<int>("--seed") { Description = "Seed of the orders' failures and latencies: the same seed gives the same outcomes.", DefaultValueFactory = _ => 42 };
var decline = new Option<double>("--payment-decline-rate") { Description = "Share of charges the bank declines (permanent; compensated).", DefaultValueFactory = _ => 0.05 };
var outOfStock = new Option<double>("--out-of-stock-rate") { Description = "Share of reservations that find no stock (permanent; compensated).", DefaultValueFactory = _ => 0.03 };
var shipping = new Option<double>("--shipping-failure-rate") { Description = "Share of shipments the carrier refuses (permanent; compensated).", DefaultValueFactory = _ => 0.02 };
var transient = new Option<double>("--transient-failure-rate") { Description = "Share of service executions that time out (transient; retried by the service host).", DefaultValueFactory = _ => 0.10 };
var minLatency = new Option<int>("--min-latency-ms") { Description = "Fastest a service answers.", DefaultValueFactory = _ => 1 };
var maxLatency = new Option<int>("--max-latency-ms") { Description = "Slowest a service answers.", DefaultValueFactory = _ => 10 };
var timeout = new Option<int>("--timeout-seconds") { Description = "Give up waiting after this long; unfinished workflows count as stuck.", DefaultValueFactory = _ => 120 };
var database = new Option<string?>("--db") { Description = "Keep workflow state in this SQLite file; a run that is killed resumes where it stopped when started again with the same file and seed." };
var target = new Option<string>("--target") { Description = "Where the workflows run: embedded (in process) or emulators (the local AWS emulators through the real SDK clients; installed on first use, started and stopped by the sample).", DefaultValueFactory = _ => "embedded" };
target.AcceptOnlyFromAmong("embedded", "emulators");
var direct = new Option<bool>("--direct-dispatch") { Description = "On the emulators, send calls straight to the service queues (LWF_SERVICE_QUEUES) instead of through EventBridge." };
var json = new Option<bool>("--json") { Description = "Also print the summary as one JSON object on the last line." };
var trace = new Option<bool>("--trace") { Description = "Export traces and metrics with OpenTelemetry to the console (one trace per order; use with a few --workflows)." };

workflows.Validators.Add(r => { if (SampleCommandLine.Parsed<int>(r) is < 1 or > 1_000_000) { r.AddError("--workflows must be between 1 and 1,000,000."); } });
foreach (var rate in new[] { decline, outOfStock, shipping, transient })
{
    rate.Validators.Add(r => { if (SampleCommandLine.Parsed<double>(r) is < 0 or > 1) { r.AddError($"{rate.Name} must be between 0 and 1."); } });
}

foreach (var latency in new[] { minLatency, maxLatency, timeout })
{
    latency.Validators.Add(r => { if (SampleCommandLine.Parsed<int>(r) < 0) { r.AddError($"{latency.Name} must not be negative."); } });
}

var root = new RootCommand("Runs order-fulfillment workflows end to end on LambdaWorkflow's embedded runtime (or the local AWS emulators): stock and payment in parallel, then shipping, with compensation when a step fails.")
{
    workflows, seed, decline, outOfStock, shipping, transient, minLatency, maxLatency, timeout, database, target, direct, json, trace,
};
root.Validators.Add(r =>
{
    if (r.GetValue(database) is not null && r.GetValue(target) == "emulators")
    {
        r.AddError("--db keeps the embedded runtime's state; on the emulators the state is in DynamoDB (dynalite).");
    }

    if (r.GetValue(direct) && r.GetValue(target) != "emulators")
    {
        r.AddError("--direct-dispatch chooses how calls reach the service queues on the emulators; use it with --target emulators.");
    }
});

root.SetAction(async (parseResult, cancellationToken) =>
{
    using var telemetry = SampleTelemetry.Start(parseResult.GetValue(trace));
    return await SampleConsole.RunAsync(
    new SampleOptions
    {
        Workflows = parseResult.GetValue(workflows),
        Target = parseResult.GetValue(target) == "emulators" ? SampleTarget.Emulators : SampleTarget.Embedded,
        Seed = parseResult.GetValue(seed),
        PaymentDeclineRate = parseResult.GetValue(decline),
        OutOfStockRate = parseResult.GetValue(outOfStock),
        ShippingFailureRate = parseResult.GetValue(shipping),
        TransientFailureRate = parseResult.GetValue(transient),
        MinLatencyMs = parseResult.GetValue(minLatency),
        MaxLatencyMs = Math.Max(parseResult.GetValue(minLatency), parseResult.GetValue(maxLatency)),
        Timeout = TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
        Json = parseResult.GetValue(json),
        Database = parseResult.GetValue(database),
        DirectDispatch = parseResult.GetValue(direct),
    },
    cancellationToken);
});

return await SampleCommandLine.RunAsync(root, args);
