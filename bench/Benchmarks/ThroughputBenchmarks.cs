using System.Diagnostics;
using System.Globalization;
using LambdaWorkflow.Local.Hosting;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.ServiceHost;

namespace LambdaWorkflow.Benchmarks;

/// <summary>
/// End-to-end throughput of the embedded runtime, Stopwatch-timed: a step is one call dispatched through the bus and
/// its service queue, handled by an instant service, and its result applied by the orchestrator. Every instance runs
/// <see cref="CounterWorkflow"/> with K sequential calls. Also the memory a suspended instance holds (<see cref="SuspendedMemory"/>).
/// BenchmarkDotNet's repeated invocations do not fit a run of 50,000 messages through queues and pumps, so this is a
/// plain harness: <c>dotnet run -c Release --project bench/Benchmarks -- throughput</c>.
/// </summary>
internal static class ThroughputBenchmarks
{
    // 50,000 steps per run for the two concurrent shapes: runs of 0.2 s (the former 100 x 100) swing widely on a shared machine.
    private static readonly (int Instances, int Calls)[] Shapes = [(1, 5_000), (100, 500), (10_000, 5)];
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(8);
    private static readonly GcPromotion Promotion = new();

    /// <summary>
    /// The GC settings each shape runs under, each in a child process: the default (workstation, concurrent), and
    /// server GC without background collections, which a host that runs the embedded runtime for throughput can choose
    /// (a library cannot choose it for its host).
    /// </summary>
    private static readonly (string Name, Dictionary<string, string> Environment)[] GcModes =
    [
        ("workstation concurrent GC (default)", new() { ["DOTNET_gcServer"] = "0", ["DOTNET_gcConcurrent"] = "1" }),
        ("server non-concurrent GC", new() { ["DOTNET_gcServer"] = "1", ["DOTNET_gcConcurrent"] = "0" }),
    ];

    /// <summary>Memory per suspended instance, then every shape three times under each GC mode.</summary>
    public static async Task RunAsync(TextWriter output)
    {
        output.WriteLine("date " + DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"processors {Environment.ProcessorCount}, load {LoadAverage()}"));
        // Memory first; each part in a child process of its own, so no runtime's garbage is left in its heap.
        await SuspendedMemory.RunAsync(10_000, output).ConfigureAwait(false);
        foreach (var (name, environment) in GcModes)
        {
            output.WriteLine(name + ":"); // each child also says what it got, from GCSettings
            foreach (var (instances, calls) in Shapes)
            {
                output.Write(await ChildProcess.RunAsync(
                    ["throughput", instances.ToString(CultureInfo.InvariantCulture), calls.ToString(CultureInfo.InvariantCulture), "3"],
                    environment).ConfigureAwait(false));
            }
        }
    }

    /// <summary>One shape, <paramref name="runs"/> times (for profiling one case): <c>-- throughput 10000 5 20</c>.</summary>
    public static async Task RunShapeAsync(int instances, int calls, int runs, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  server GC {System.Runtime.GCSettings.IsServerGC}, concurrent {System.Runtime.GCSettings.LatencyMode != System.Runtime.GCLatencyMode.Batch}"));
        // Warm-up runs of the same shape for WarmUp first (printed, marked): tiered JIT and dynamic PGO take several
        // seconds of this load to reach the code a long-running runtime runs; the first runs are up to 2.5x slower.
        var warming = Stopwatch.StartNew();
        do
        {
            await MeasureAsync(instances, calls, output, warmUp: true).ConfigureAwait(false);
        }
        while (warming.Elapsed < WarmUp);

        for (var run = 0; run < runs; run++)
        {
            await MeasureAsync(instances, calls, output, warmUp: false).ConfigureAwait(false);
        }
    }

    private static async Task MeasureAsync(int instances, int calls, TextWriter output, bool warmUp)
    {
        var options = new EmbeddedRuntimeOptions();
        options.Orchestrator.WarmInstanceCapacity = Math.Max(options.Orchestrator.WarmInstanceCapacity, instances);
        await using var runtime = new EmbeddedRuntime(Workflows(), Services(), options);
        await runtime.StartAsync().ConfigureAwait(false);
        var steps = (long)instances * calls;
        var input = new LoopInput(calls);
        var ids = new string[instances];
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var collectionsBefore = GC.CollectionCount(0);
        var gen1Before = GC.CollectionCount(1);
        var gen2Before = GC.CollectionCount(2);
        var pausedBefore = GC.GetTotalPauseDuration();
        var promotedBefore = Promotion.Totals;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < instances; i++)
        {
            ids[i] = await runtime.Client.StartAsync(CounterWorkflow.Definition, input, $"i{i}").ConfigureAwait(false);
        }

        // Watch the runtime's own counter, not each instance: polling 10,000 statuses would be the benchmark.
        while (runtime.Counters.StepsApplied < steps)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"{runtime.Counters.StepsApplied} of {steps} steps after 5 minutes.");
            }

            await Task.Delay(1).ConfigureAwait(false);
        }

        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var collections = GC.CollectionCount(0) - collectionsBefore;
        var gen1 = GC.CollectionCount(1) - gen1Before;
        var gen2 = GC.CollectionCount(2) - gen2Before;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        var promoted = await PromotedPerStepAsync(promotedBefore, collections, steps).ConfigureAwait(false);
        foreach (var id in ids)
        {
            var metadata = await runtime.Client.WaitForCompletionAsync(id).ConfigureAwait(false);
            if (metadata.Status != WorkflowStatus.Completed)
            {
                throw new InvalidOperationException($"{id} ended {metadata.Status}.");
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(warmUp ? "  warm-up " : "")}{instances,6} x {calls,4} calls: {steps / clock.Elapsed.TotalSeconds,7:#,0} steps/s ({steps:#,0} in {clock.Elapsed.TotalSeconds:0.000} s), {cpu.TotalMicroseconds / steps:0.0} µs CPU/step, {allocated / steps:#,0} B allocated/step, {collections} GCs ({gen1} gen1+, {gen2} gen2) pausing {paused.TotalMilliseconds:#,0} ms, promoted {promoted}, load {LoadAverage()}"));
    }

    /// <summary>Bytes per step copied out of gen0 and out of gen1 during the run, e.g. <c>3.1 + 2.9 KB/step</c>.</summary>
    private static async Task<string> PromotedPerStepAsync((long Collections, long OutOfGen0, long OutOfGen1) before, int collections, long steps)
    {
        if (!await Promotion.CatchUpAsync(before.Collections + collections).ConfigureAwait(false))
        {
            return "? (GC events late)";
        }

        var after = Promotion.Totals;
        return string.Create(CultureInfo.InvariantCulture,
            $"{(after.OutOfGen0 - before.OutOfGen0) / 1024.0 / steps:0.0} + {(after.OutOfGen1 - before.OutOfGen1) / 1024.0 / steps:0.0} KB/step");
    }

    internal static WorkflowRegistry Workflows() =>
        new WorkflowRegistry()
            .Add(CounterWorkflow.Definition, () => new CounterWorkflow())
            .Add(WaitingWorkflow.Definition, () => new WaitingWorkflow());

    internal static ServiceRegistry Services() =>
        new ServiceRegistry().Map(CounterWorkflow.Increment, (request, _, _) => Task.FromResult(CounterWorkflow.Answer(request)));

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
