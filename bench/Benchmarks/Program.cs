using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using LambdaWorkflow.Benchmarks;

// dotnet run -c Release --project bench/Benchmarks -- --filter '*Replay*' [--job short]
// dotnet run -c Release --project bench/Benchmarks -- throughput   (Stopwatch harness, not BenchmarkDotNet)
// dotnet run -c Release --project bench/Benchmarks -- throughput 10000 5 20   (one shape, 20 runs: for a profiler)
if (await SuspendedMemory.TryRunChildAsync(args, Console.Out).ConfigureAwait(false))
{
    return;
}

// dotnet run -c Release --project bench/Benchmarks -- memory 10000   (memory per suspended instance only)
if (args is ["memory", var count])
{
    await SuspendedMemory.RunAsync(int.Parse(count, CultureInfo.InvariantCulture), Console.Out).ConfigureAwait(false);
    return;
}

if (args is ["throughput", var instances, var calls, var runs])
{
    await ThroughputBenchmarks.RunShapeAsync(int.Parse(instances, CultureInfo.InvariantCulture), int.Parse(calls, CultureInfo.InvariantCulture), int.Parse(runs, CultureInfo.InvariantCulture), Console.Out).ConfigureAwait(false);
    return;
}

if (args is ["throughput", ..])
{
    await ThroughputBenchmarks.RunAsync(Console.Out).ConfigureAwait(false);
    return;
}

// A mutator: the toolchain is applied to whatever job runs, the default one or one given on the command line.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(BenchmarkProjectToolchain.Create()).AsMutator())
    .AddColumn(PerCallColumn.Time, PerCallColumn.Allocated);
BenchmarkSwitcher.FromAssembly(typeof(ReplayBenchmarks).Assembly).Run(args, config);
