using LambdaWorkflow.Cost;

// dotnet run --project bench/Cost [-- --offline | --input summary.json | --workflows N] [--json]
// Without --offline or --input it runs the OrderFulfillment sample on the local AWS emulators and prices that run.
var json = args.Contains("--json");
var offline = args.Contains("--offline");
var input = ValueOf("--input");
var workflows = int.Parse(ValueOf("--workflows") ?? "200", System.Globalization.CultureInfo.InvariantCulture);

var usage = offline ? Usage.Documented
    : input is not null ? SampleRun.Read(input)
    : await SampleRun.MeasureAsync(workflows, CancellationToken.None).ConfigureAwait(false);
var model = new CostModel(usage, new Assumptions());
Console.WriteLine(CostReport.Text(model));
if (json)
{
    Console.WriteLine(CostReport.Json(model));
}

string? ValueOf(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
