using LambdaWorkflow.Samples;
using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using LambdaWorkflow.Simulation;
using Spectre.Console;

var workflows = new Option<int>("--workflows", "-n") { Description = "Workflow instances per seed.", DefaultValueFactory = _ => 1000 };
var seeds = new Option<int>("--seeds") { Description = "How many seeds to run (1..K).", DefaultValueFactory = _ => 5 };
var seed = new Option<int?>("--seed") { Description = "Replay exactly this one seed." };
var rate = new Option<double>("--fault-rate") { Description = "Probability of each fault at each step boundary.", DefaultValueFactory = _ => 0.05 };
var noIdempotency = new Option<bool>("--no-idempotency") { Description = "Run the services without their idempotency store: side effects are then at least once, not once." };
var json = new Option<bool>("--json") { Description = "Print the figures as one JSON object on the last line." };
workflows.Validators.Add(r => { if (SampleCommandLine.Parsed<int>(r) < 1) { r.AddError("--workflows must be at least 1."); } });
seeds.Validators.Add(r => { if (SampleCommandLine.Parsed<int>(r) < 1) { r.AddError("--seeds must be at least 1."); } });
rate.Validators.Add(r => { if (SampleCommandLine.Parsed<double>(r) is < 0 or > 0.5) { r.AddError("--fault-rate must be between 0 and 0.5."); } });

var root = new RootCommand("Deterministic fault simulation of LambdaWorkflow: many workflows, crashes, duplicates, reordering, throttling and version conflicts at every step boundary; checks that nothing is lost, stuck or applied twice.")
{
    workflows, seeds, seed, rate, noIdempotency, json,
};
root.SetAction(parse =>
{
    var chosen = parse.GetValue(seed) is { } one ? [one] : Enumerable.Range(1, parse.GetValue(seeds)).ToArray();
    var clock = Stopwatch.StartNew();
    var runs = new List<SimulationResult>();
    foreach (var s in chosen)
    {
        var run = SimulationRunner.RunSeed(s, parse.GetValue(workflows), parse.GetValue(rate), idempotent: !parse.GetValue(noIdempotency));
        runs.Add(run);
        Console.WriteLine($"seed {s,4}: {run.Completed:N0}/{run.Workflows:N0} completed, {run.Faults.Values.Sum():N0} faults, lost {run.Lost}, stuck {run.Stuck}, duplicated side effects {run.DuplicateSideEffects}, {run.Seconds:N1} s{(run.FailingSeeds.Count > 0 ? "  ← FAILED" : string.Empty)}");
    }

    var total = SimulationResult.Combine(runs, clock.Elapsed.TotalSeconds);
    var table = new Table().Title("[bold]Simulation[/]").AddColumn("Figure").AddColumn(new TableColumn("Value").RightAligned());
    table.AddRow("Workflows × seeds", $"{total.Workflows / Math.Max(1, total.Seeds):N0} × {total.Seeds}");
    foreach (var (kind, count) in total.Faults.OrderByDescending(p => p.Value))
    {
        table.AddRow($"  fault: {kind}", $"{count:N0}");
    }

    table.AddRow("Completed as in a fault-free run", $"{total.Completed:N0}");
    table.AddRow("Lost", $"{total.Lost:N0}");
    table.AddRow("Stuck", $"{total.Stuck:N0}");
    table.AddRow(parse.GetValue(noIdempotency) ? "Duplicated side effects (no idempotency store)" : "Duplicated side effects", $"{total.DuplicateSideEffects:N0}");
    table.AddRow("Results without a side effect", $"{total.MissingSideEffects:N0}");
    table.AddRow("Dead-lettered", $"{total.DeadLettered:N0}");
    table.AddRow("Messages unaccounted for", $"{total.Unaccounted:N0}");
    table.AddRow("Steps (batches)", $"{total.Steps:N0}");
    table.AddRow("Elapsed", $"{total.Seconds:N1} s");
    AnsiConsole.Write(table);
    if (total.FailingSeeds.Count > 0)
    {
        Console.WriteLine("Failing seeds (replay with --seed S): " + string.Join(", ", total.FailingSeeds));
    }

    if (parse.GetValue(json))
    {
        Console.WriteLine(JsonSerializer.Serialize(total, SimulationJson.Default.SimulationResult));
    }

    return total.Passed ? 0 : 1;
});

return await SampleCommandLine.RunAsync(root, args);
