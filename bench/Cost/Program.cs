using LambdaWorkflow.Cost;

// dotnet run --project bench/Cost [-- --offline | --input summary.json [--input-direct summary.json]
//   | [--workflows N] [--timeout-seconds S] [--save runs/name]] [--json]
// Without --offline or --input it runs the OrderFulfillment sample on the local AWS emulators twice, calls through
// EventBridge (the default) and with direct dispatch to the service queues, and prices both runs side by side.
// --workflows 2000 is the sustained load (all started together, so the pollers get fuller batches); --save writes the
// two summaries to name.json and name-direct.json, to price again later with --input and --input-direct.
var json = args.Contains("--json");
var offline = args.Contains("--offline");
var input = ValueOf("--input");
var inputDirect = ValueOf("--input-direct");
var workflows = int.Parse(ValueOf("--workflows") ?? "200", System.Globalization.CultureInfo.InvariantCulture);
var timeoutSeconds = int.Parse(ValueOf("--timeout-seconds") ?? "600", System.Globalization.CultureInfo.InvariantCulture);
var save = ValueOf("--save");

var usage = offline ? Usage.Documented
    : input is not null ? SampleRun.Read(input)
    : await SampleRun.MeasureAsync(workflows, directDispatch: false, timeoutSeconds, save is null ? null : save + ".json", CancellationToken.None).ConfigureAwait(false);
var direct = offline ? Usage.DocumentedDirect
    : inputDirect is not null ? SampleRun.Read(inputDirect)
    : input is not null ? null
    : await SampleRun.MeasureAsync(workflows, directDispatch: true, timeoutSeconds, save is null ? null : save + "-direct.json", CancellationToken.None).ConfigureAwait(false);
var model = new CostModel(usage, new Assumptions());
var directModel = direct is null ? null : new CostModel(direct, new Assumptions());
Console.WriteLine("Calls through EventBridge (the default):");
Console.WriteLine(CostReport.Text(model));
if (directModel is not null)
{
    Console.WriteLine("Direct dispatch (calls sent straight to the service queues, LWF_SERVICE_QUEUES):");
    Console.WriteLine(CostReport.Text(directModel));
}

if (json)
{
    Console.WriteLine(CostReport.Json(model, directModel));
}

string? ValueOf(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
