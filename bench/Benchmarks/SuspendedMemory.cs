using System.Globalization;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Local.Hosting;
using LambdaWorkflow.Local.Queues;
using LambdaWorkflow.Orchestrator;

namespace LambdaWorkflow.Benchmarks;

/// <summary>
/// Managed heap per suspended instance, each configuration in a process of its own (a fresh heap: no garbage or
/// pending finalizers from an earlier runtime), split into the parts that hold it: the state store, the warm cache
/// of executions, and the inbox's deduplication records.
/// </summary>
internal static class SuspendedMemory
{
    private const string ChildCommand = "memory-one";

    /// <summary>Runs every part in a child process and prints bytes per instance.</summary>
    public static async Task RunAsync(int instances, TextWriter output)
    {
        // store + dedup (cache off), store + dedup + cache (cache on), dedup records alone (a bare FIFO queue).
        var cold = await ChildAsync("cold", instances).ConfigureAwait(false);
        var warm = await ChildAsync("warm", instances).ConfigureAwait(false);
        var dedup = await ChildAsync("dedup", instances).ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"suspended {instances:#,0} instances: {warm,6:#,0} B per instance in all = store {cold - dedup,6:#,0} + warm execution {warm - cold,6:#,0} + inbox dedup record {dedup,4:#,0}"));
    }

    /// <summary>The child's side: measures one part and prints bytes per instance.</summary>
    public static async Task<bool> TryRunChildAsync(string[] args, TextWriter output)
    {
        if (args is not [ChildCommand, var part, var count])
        {
            return false;
        }

        var instances = int.Parse(count, CultureInfo.InvariantCulture);
        var bytes = part == "dedup" ? DedupRecords(instances) : await SuspendedAsync(instances, warm: part == "warm").ConfigureAwait(false);
        output.WriteLine(bytes.ToString("0", CultureInfo.InvariantCulture));
        return true;
    }

    private static async Task<double> ChildAsync(string part, int instances)
    {
        var text = await ChildProcess.RunAsync([ChildCommand, part, instances.ToString(CultureInfo.InvariantCulture)]).ConfigureAwait(false);
        return double.Parse(text.Trim(), CultureInfo.InvariantCulture);
    }

    private static async Task<double> SuspendedAsync(int instances, bool warm)
    {
        var options = new EmbeddedRuntimeOptions();
        options.Orchestrator.WarmInstanceCapacity = warm ? instances : 0;
        await using var runtime = new EmbeddedRuntime(Workflows(), Services(), options);
        await runtime.StartAsync().ConfigureAwait(false);

        // One instance first, so that code paths, JIT and static caches are in place before the baseline.
        await runtime.Client.StartAsync(WaitingWorkflow.Definition, new LoopInput(0), "w-first").ConfigureAwait(false);
        await WaitForInboxAsync(runtime, 1).ConfigureAwait(false);
        var before = SettledHeap();
        for (var i = 0; i < instances; i++)
        {
            await runtime.Client.StartAsync(WaitingWorkflow.Definition, new LoopInput(0), $"w{i}").ConfigureAwait(false);
        }

        await WaitForInboxAsync(runtime, instances + 1).ConfigureAwait(false);
        var after = SettledHeap();
        GC.KeepAlive(runtime);
        return (after - before) / (double)instances;
    }

    /// <summary>What the inbox keeps per instance after its start message is deleted: the deduplication record.</summary>
    private static double DedupRecords(int instances)
    {
        var inbox = new LocalQueue("memory.fifo", new LocalQueueOptions { Fifo = true }, TimeProvider.System);
        Drain(inbox, "warm-up");
        var before = SettledHeap();
        for (var i = 0; i < instances; i++)
        {
            // The id is made here, as the runtime makes it per message: the record keeps it.
            Drain(inbox, new StartWorkflow { InstanceId = $"w{i}", Workflow = WaitingWorkflow.Definition.Name }.DeduplicationId);
        }

        var after = SettledHeap();
        GC.KeepAlive(inbox);
        return (after - before) / (double)instances;
    }

    private static void Drain(LocalQueue queue, string deduplicationId)
    {
        queue.Send("{}", groupId: "g", deduplicationId: deduplicationId);
        foreach (var message in queue.ReceiveAsync(10, TimeSpan.Zero).AsTask().GetAwaiter().GetResult())
        {
            queue.Delete(message.ReceiptHandle);
        }
    }

    private static async Task WaitForInboxAsync(EmbeddedRuntime runtime, long messages)
    {
        while (runtime.Counters.InboxMessages < messages)
        {
            await Task.Delay(5).ConfigureAwait(false);
        }

        await Task.Delay(200).ConfigureAwait(false);
    }

    private static long SettledHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static WorkflowRegistry Workflows() => ThroughputBenchmarks.Workflows();

    private static LambdaWorkflow.ServiceHost.ServiceRegistry Services() => ThroughputBenchmarks.Services();
}
