using LambdaWorkflow.Samples;
using System.CommandLine;
using BatchFanOut;

var items = new Option<int>("--items", "-n") { Description = "How many items, hence child workflows.", DefaultValueFactory = _ => 1_000 };
var chunk = new Option<int>("--chunk-size") { Description = "Children the parent collects per Task.WhenAll before publishing its progress.", DefaultValueFactory = _ => 100 };
var seed = new Option<int>("--seed") { Description = "Seed of the ledger's failures and latencies: the same seed fails the same items.", DefaultValueFactory = _ => 42 };
var transient = new Option<double>("--transient-failure-rate") { Description = "Share of ledger executions that time out (retried by the service host).", DefaultValueFactory = _ => 0.05 };
var permanent = new Option<double>("--permanent-failure-rate") { Description = "Share of items the ledger refuses (the child fails).", DefaultValueFactory = _ => 0.005 };
var latency = new Option<int>("--max-latency-ms") { Description = "Slowest a ledger post answers.", DefaultValueFactory = _ => 2 };
var timeout = new Option<int>("--timeout-seconds") { Description = "Give up waiting for the batch after this long.", DefaultValueFactory = _ => 120 };
var json = new Option<bool>("--json") { Description = "Also print the summary as one JSON object on the last line." };

// Two history events per child (started, reported); the parent's history holds at most 20,000.
items.Validators.Add(r => { if (SampleCommandLine.Parsed<int>(r) is < 1 or > 5_000) { r.AddError("--items must be between 1 and 5,000 (a parent's history holds two events per child)."); } });
chunk.Validators.Add(r => { if (SampleCommandLine.Parsed<int>(r) < 1) { r.AddError("--chunk-size must be at least 1."); } });
foreach (var rate in new[] { transient, permanent })
{
    rate.Validators.Add(r => { if (SampleCommandLine.Parsed<double>(r) is { } v && v is not (>= 0 and <= 1)) { r.AddError($"{rate.Name} must be between 0 and 1."); } });
}

foreach (var value in new[] { latency, timeout })
{
    value.Validators.Add(r => { if (SampleCommandLine.Parsed<int>(r) < 0) { r.AddError($"{value.Name} must not be negative."); } });
}

var root = new RootCommand("Runs a batch on LambdaWorkflow's embedded runtime: a parent workflow starts one child workflow per item, each child posts its item to a flaky ledger, and the parent collects the results chunk by chunk.")
{
    items, chunk, seed, transient, permanent, latency, timeout, json,
};

root.SetAction((parseResult, cancellationToken) => BatchConsole.RunAsync(
    new BatchOptions
    {
        Items = parseResult.GetValue(items),
        ChunkSize = parseResult.GetValue(chunk),
        Seed = parseResult.GetValue(seed),
        TransientFailureRate = parseResult.GetValue(transient),
        PermanentFailureRate = parseResult.GetValue(permanent),
        MaxLatencyMs = parseResult.GetValue(latency),
        Timeout = TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
        Json = parseResult.GetValue(json),
    },
    cancellationToken));

return await SampleCommandLine.RunAsync(root, args);
