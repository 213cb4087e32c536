using BatchFanOut.Domain;
using LambdaWorkflow.ServiceHost;

namespace BatchFanOut.Services;

/// <summary>
/// The ledger: posts each entry quickly, sometimes timing out (transient: the service host retries the handler)
/// and rarely refusing an item (permanent: the reply is a failure and the child fails).
/// </summary>
public sealed class LedgerService(LedgerFaults faults)
{
    /// <summary>Executions per delivery: the first and the retries.</summary>
    public const int ExecutionAttempts = 5;

    private long _retries;

    /// <summary>How the service host retries transient failures: four retries, quickly.</summary>
    public static ServiceRetryOptions Retry => new() { MaxRetryAttempts = ExecutionAttempts - 1, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(20) };

    /// <summary>Executions that retried a transient failure.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    public ServiceRegistry Register(ServiceRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Map(Ledger.Post, PostAsync, Retry);
    }

    private async Task<Posted> PostAsync(PostEntry entry, ServiceCallContext context, CancellationToken cancellationToken)
    {
        var attempt = context.ExecutionAttempt;
        if (attempt > 1)
        {
            Interlocked.Increment(ref _retries);
        }

        var latency = faults.LatencyOf(entry.Index, attempt);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
        }

        if (faults.FailsTransiently(entry.Index, attempt))
        {
            throw new ServiceException("LedgerTimeout", $"the ledger timed out posting item {entry.Index}", isTransient: true);
        }

        if (faults.FailsPermanently(entry.Index))
        {
            throw new ServiceException("AccountClosed", $"the ledger refused item {entry.Index}: account closed");
        }

        return new Posted($"{entry.BatchId}/{entry.Index:D5}", entry.AmountCents);
    }
}
