using LambdaWorkflow.Emulators;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.ServiceHost;

namespace OrderFulfillment.Targets;

/// <summary>
/// The sample on the local AWS emulators: the same workflows and services, deployed by <see cref="EmulatorEnvironment"/>
/// behind real SDK clients. Starts the emulators (installing them on first use) unless given running ones, and then
/// stops them at the end.
/// </summary>
internal sealed class EmulatorTarget(EmulatorEnvironment environment, EmulatorHost? ownedHost) : IRunTarget
{
    public WorkflowClient Client => environment.Client;

    public long StepsApplied => environment.Counters.StepsApplied;

    public long Redeliveries => environment.Counters.Redeliveries;

    public IReadOnlyDictionary<string, double>? AwsRequests => environment.Report().ToDictionary();

    public long? ObserverRequests => environment.ObserverMeter.Snapshot().TotalRequests;

    /// <summary>The deployment, for tests that look further than the summary.</summary>
    public EmulatorEnvironment Environment => environment;

    public static async Task<EmulatorTarget> StartAsync(
        WorkflowRegistry workflows, ServiceRegistry services, ServiceRetryOptions serviceRetry, EmulatorHost? host, bool directDispatch, CancellationToken cancellationToken)
    {
        var ownedHost = host is null ? await EmulatorHost.StartAsync(cancellationToken: cancellationToken) : null;
        try
        {
            var environment = await EmulatorEnvironment.CreateAsync(
                host ?? ownedHost!,
                workflows,
                services,
                new EmulatorEnvironmentOptions { Services = new ServiceDispatcherOptions { DefaultRetry = serviceRetry }, DirectDispatch = directDispatch },
                cancellationToken);
            environment.Start();
            return new EmulatorTarget(environment, ownedHost);
        }
        catch
        {
            if (ownedHost is not null)
            {
                await ownedHost.DisposeAsync();
            }

            throw;
        }
    }

    public Task StopAsync() => environment.StopAsync();

    public async Task<long> CountDeadLettersAsync(CancellationToken cancellationToken)
    {
        var depths = await environment.GetQueueDepthsAsync(cancellationToken);
        return depths.Where(pair => pair.Key.EndsWith("-dlq", StringComparison.Ordinal) || pair.Key.EndsWith("-dlq.fifo", StringComparison.Ordinal))
            .Sum(pair => (long)pair.Value.Visible + pair.Value.InFlight);
    }

    public async ValueTask DisposeAsync()
    {
        await environment.DisposeAsync();
        if (ownedHost is not null)
        {
            await ownedHost.DisposeAsync();
        }
    }
}
