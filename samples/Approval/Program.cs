using LambdaWorkflow.Samples;
using System.CommandLine;
using Approval;

var requests = new Option<int>("--requests", "-n") { Description = "How many expense requests to run.", DefaultValueFactory = _ => 100 };
var seed = new Option<int>("--seed") { Description = "Seed of who answers, when and how: the same seed gives the same outcomes.", DefaultValueFactory = _ => 42 };
var speed = new Option<double>("--speed") { Description = "Virtual seconds per real second; 86400 (the default) passes a day per second, so the five-day worst case takes five seconds.", DefaultValueFactory = _ => ApprovalOptions.DefaultSpeed };
var json = new Option<bool>("--json") { Description = "Also print the summary as one JSON object on the last line." };

requests.Validators.Add(r => { if (SampleCommandLine.Parsed<int>(r) is < 1 or > 100_000) { r.AddError("--requests must be between 1 and 100,000."); } });
speed.Validators.Add(r => { if (SampleCommandLine.Parsed<double>(r) is { } v && v is not (>= 60 and <= 864_000)) { r.AddError("--speed must be between 60 (a minute per second) and 864,000 (ten days per second)."); } });

var root = new RootCommand("Runs expense-approval workflows on LambdaWorkflow's embedded runtime: notify the approver, wait three days for the approval event, escalate to the manager, wait two more, then book the verdict. Days pass in seconds on an accelerated clock.")
{
    requests, seed, speed, json,
};

root.SetAction((parseResult, cancellationToken) => ApprovalConsole.RunAsync(
    new ApprovalOptions
    {
        Requests = parseResult.GetValue(requests),
        Seed = parseResult.GetValue(seed),
        Speed = parseResult.GetValue(speed),
        Json = parseResult.GetValue(json),
    },
    cancellationToken));

return await SampleCommandLine.RunAsync(root, args);
