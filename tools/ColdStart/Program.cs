using System.Diagnostics;
using System.Globalization;
using System.Text;
using LambdaWorkflow.Aws.Lambda;
using LambdaWorkflow.ColdStart;
using LambdaWorkflow.Local.State;
using LambdaWorkflow.Orchestrator;

// ColdStart host            : build an OrchestratorFunction, hand it one SQS event with a StartWorkflow, print "handled".
// ColdStart measure APP...  : start each APP (a .dll run with dotnet, or an executable) with "host" 5 times and time
//                             process start to the "handled" line.
if (args is ["host", ..])
{
    var function = new OrchestratorFunction(
        new WorkflowOrchestrator(new WorkflowRegistry().Add(NoopWorkflow.Definition, () => new NoopWorkflow()), new InMemoryWorkflowStateStore(), new DiscardingPublisher(), "inbox"),
        deadLetters: null);
    using var input = new MemoryStream(Encoding.UTF8.GetBytes(NoopWorkflow.SqsEvent()));
    using var reader = new StreamReader(await function.HandleAsync(input).ConfigureAwait(false));
    Console.WriteLine("handled " + await reader.ReadToEndAsync().ConfigureAwait(false));
    return;
}

foreach (var app in args.Skip(1))
{
    var times = new List<double>();
    for (var run = 0; run < 5; run++)
    {
        var start = app.EndsWith(".dll", StringComparison.Ordinal) ? new ProcessStartInfo("dotnet") { ArgumentList = { app, "host" } } : new ProcessStartInfo(app) { ArgumentList = { "host" } };
        start.RedirectStandardOutput = true;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync().ConfigureAwait(false)) is not null && !line.StartsWith("handled", StringComparison.Ordinal))
        {
        }

        times.Add(clock.Elapsed.TotalMilliseconds);
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (line is null || !line.Contains("\"batchItemFailures\":[]", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{app} did not handle the message: {line}");
        }
    }

    times.Sort();
    var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{app}: median {times[2]:0} ms, min {times[0]:0} ms, max {times[4]:0} ms (5 runs, load {load})"));
}
