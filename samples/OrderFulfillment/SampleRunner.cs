using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using LambdaWorkflow.Emulators;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.ServiceHost;
using OrderFulfillment.Domain;
using OrderFulfillment.Services;
using OrderFulfillment.Targets;

namespace OrderFulfillment;

/// <summary>Runs the orders on the chosen target (the embedded runtime, or the AWS emulators) and gathers the summary.</summary>
public sealed class SampleRunner(SampleOptions options)
{
    /// <summary>Called about ten times a second with (finished, total, steps so far).</summary>
    public Action<int, int, long>? Progress { get; init; }

    /// <summary>Running emulators for <see cref="SampleTarget.Emulators"/>; null starts its own and stops them at the end.</summary>
    public EmulatorHost? EmulatorHost { get; init; }

    public async Task<SampleSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var services = new SampleServices(new FailurePlan(options));
        var registry = new WorkflowRegistry().Add<OrderWorkflow, OrderRequest, OrderResult>(Workflows.Order);
        var serviceRegistry = services.Register(new ServiceRegistry());
        var serviceRetry = new ServiceRetryOptions { MaxRetryAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(2), MaxDelay = TimeSpan.FromMilliseconds(50) };
        await using IRunTarget runtime = options.Target == SampleTarget.Emulators
            ? await EmulatorTarget.StartAsync(registry, serviceRegistry, serviceRetry, EmulatorHost, options.DirectDispatch, cancellationToken)
            : await EmbeddedTarget.StartAsync(registry, serviceRegistry, serviceRetry, options.Database, cancellationToken);

        var clock = Stopwatch.StartNew();
        var orders = Enumerable.Range(1, options.Workflows).Select(i => Order(options.Seed, i)).ToList();
        var finished = 0;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        var waits = new List<Task<InstanceMetadata?>>(orders.Count);
        foreach (var order in orders)
        {
            var id = await runtime.Client.StartAsync(Workflows.Order, order, order.OrderId, cancellationToken);
            waits.Add(WaitAsync(runtime.Client, id, () => Interlocked.Increment(ref finished), timeout.Token));
        }

        var all = Task.WhenAll(waits);
        while (!all.IsCompleted)
        {
            Progress?.Invoke(Volatile.Read(ref finished), orders.Count, runtime.StepsApplied);
            await Task.WhenAny(all, Task.Delay(100, cancellationToken));
        }

        var elapsed = clock.Elapsed;
        Progress?.Invoke(Volatile.Read(ref finished), orders.Count, runtime.StepsApplied);
        var results = await all;
        await runtime.StopAsync();
        var deadLettered = await runtime.CountDeadLettersAsync(cancellationToken);
        return Summarize(orders, results, runtime, services, elapsed) with { DeadLettered = deadLettered };
    }

    /// <summary>The order for index <paramref name="index"/> of a run with <paramref name="seed"/>.</summary>
    public static OrderRequest Order(int seed, int index)
    {
        var skus = new[] { "BOOK-1", "LAMP-2", "DESK-3", "PEN-4", "MUG-5" };
        return new OrderRequest($"order-{seed}-{index:D6}", skus[index % skus.Length], 1 + (index % 3), 10m + (index % 90), $"customer-{index % 37}");
    }

    private static async Task<InstanceMetadata?> WaitAsync(WorkflowClient client, string id, Action onDone, CancellationToken cancellationToken)
    {
        try
        {
            return await client.WaitForCompletionAsync(id, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return await client.GetStatusAsync(id, CancellationToken.None);
        }
        finally
        {
            onDone();
        }
    }

    private SampleSummary Summarize(List<OrderRequest> orders, InstanceMetadata?[] results, IRunTarget runtime, SampleServices services, TimeSpan elapsed)
    {
        int completed = 0, compensated = 0, failed = 0, stuck = 0, lost = 0;
        var latencies = new List<double>(results.Length);
        var digest = new StringBuilder();
        for (var i = 0; i < results.Length; i++)
        {
            var metadata = results[i];
            string outcome;
            if (metadata is null)
            {
                lost++;
                outcome = "lost";
            }
            else if (metadata.Status == WorkflowStatus.Running)
            {
                stuck++;
                outcome = "stuck";
            }
            else if (metadata.Status == WorkflowStatus.Completed)
            {
                var result = metadata.Output.Deserialize(SampleJson.Default.OrderResult);
                if (result.Outcome == OrderOutcome.Completed)
                {
                    completed++;
                }
                else
                {
                    compensated++;
                }

                outcome = $"{result.Outcome}:{result.Reason}:{result.TrackingNumber}";
                latencies.Add((metadata.UpdatedAt - metadata.CreatedAt).TotalMilliseconds);
            }
            else
            {
                failed++;
                outcome = $"{metadata.Status}:{metadata.Error?.ErrorType}";
            }

            digest.Append(orders[i].OrderId).Append('=').Append(outcome).Append('\n');
        }

        latencies.Sort();
        var steps = runtime.StepsApplied;
        return new SampleSummary
        {
            Workflows = orders.Count,
            Completed = completed,
            Compensated = compensated,
            Failed = failed,
            Stuck = stuck,
            Lost = lost,
            Steps = steps,
            StepsPerSecond = Math.Round(steps / Math.Max(elapsed.TotalSeconds, 1e-9), 1),
            P50Ms = Math.Round(Percentile(latencies, 0.50), 1),
            P99Ms = Math.Round(Percentile(latencies, 0.99), 1),
            Retries = services.Retries,
            Redeliveries = runtime.Redeliveries,
            DeadLettered = 0,
            Seconds = Math.Round(elapsed.TotalSeconds, 2),
            Seed = options.Seed,
            OutcomeDigest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(digest.ToString())))[..16],
            AwsRequests = runtime.AwsRequests,
            ObserverRequests = runtime.ObserverRequests,
        };
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
