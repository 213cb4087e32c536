using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Approval.Domain;
using Approval.People;
using Approval.Services;
using LambdaWorkflow.Local.Hosting;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;
using LambdaWorkflow.ServiceHost;

namespace Approval;

/// <summary>Runs the expense approvals on the embedded runtime, on an accelerated clock, and gathers the summary.</summary>
public sealed class ApprovalRunner(ApprovalOptions options)
{
    /// <summary>Monday 2 March 2026, 09:00 UTC: where the virtual clock starts.</summary>
    public static readonly DateTimeOffset VirtualStart = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>How long, in real time, a received message stays invisible (as the default 30 s, when the speed allows).</summary>
    private static readonly TimeSpan RealVisibility = TimeSpan.FromSeconds(30);

    /// <summary>SQS's longest visibility timeout, which the embedded queues enforce too.</summary>
    private static readonly TimeSpan MaxVisibility = TimeSpan.FromHours(12);

    /// <summary>Called about ten times a second.</summary>
    public Action<ApprovalProgress>? Progress { get; init; }

    public async Task<ApprovalSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var clock = new AcceleratedTimeProvider(options.Speed, VirtualStart);
        var desk = new ApproverDesk(clock);
        var services = new ApprovalServices(desk);
        var registry = new WorkflowRegistry().Add<ExpenseApprovalWorkflow, ExpenseRequest, ExpenseOutcome>(Workflows.ExpenseApproval);
        var runtimeOptions = new EmbeddedRuntimeOptions
        {
            TimeProvider = clock,

            // Timeouts of days hop through the timer queue in half-day steps, as they would in 15-minute steps on SQS.
            MaxTimerHop = TimeSpan.FromHours(12),

            // Visibility is virtual time too: 30 s of it would be 0.35 ms of real time at a day per second.
            VisibilityTimeout = TimeSpan.FromTicks(Math.Min(MaxVisibility.Ticks, (long)(RealVisibility.Ticks * options.Speed))),
            ServiceConcurrency = 2,
        };
        await using var runtime = new EmbeddedRuntime(registry, services.Register(new ServiceRegistry()), runtimeOptions);
        await runtime.StartAsync(cancellationToken);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var people = desk.RunAsync(runtime.Client, stop.Token);
        var wall = Stopwatch.StartNew();
        var firstRequest = clock.GetUtcNow();
        var expenses = new List<ExpenseRequest>(options.Requests);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout ?? (TimeSpan.FromSeconds((ExpenseApprovalWorkflow.ApproverTimeout + ExpenseApprovalWorkflow.ManagerTimeout).TotalSeconds / options.Speed) + TimeSpan.FromSeconds(30)));
        var decided = 0;
        var waits = new List<Task<InstanceMetadata?>>(options.Requests);
        for (var i = 1; i <= options.Requests; i++)
        {
            var expense = ResponsePlan.Request(options.Seed, i);
            desk.Expect(expense.ExpenseId, ResponsePlan.For(options, i));
            expenses.Add(expense);
            var id = await runtime.Client.StartAsync(Workflows.ExpenseApproval, expense, expense.ExpenseId, cancellationToken);
            waits.Add(WaitAsync(runtime.Client, id, () => Interlocked.Increment(ref decided), timeout.Token));
        }

        var all = Task.WhenAll(waits);
        while (!all.IsCompleted)
        {
            Progress?.Invoke(new ApprovalProgress(Volatile.Read(ref decided), expenses.Count, desk.Escalations, clock.GetUtcNow() - firstRequest));
            await Task.WhenAny(all, Task.Delay(100, cancellationToken));
        }

        var elapsed = wall.Elapsed;
        var virtualElapsed = clock.GetUtcNow() - firstRequest;
        Progress?.Invoke(new ApprovalProgress(Volatile.Read(ref decided), expenses.Count, desk.Escalations, virtualElapsed));
        var results = await all;
        await stop.CancelAsync();
        await people;
        await runtime.StopAsync();
        return Summarize(expenses, results, runtime, services, elapsed, virtualElapsed);
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

    private ApprovalSummary Summarize(List<ExpenseRequest> expenses, InstanceMetadata?[] results, EmbeddedRuntime runtime, ApprovalServices services, TimeSpan elapsed, TimeSpan virtualElapsed)
    {
        int approved = 0, rejected = 0, escalated = 0, approvedAfterEscalation = 0, timedOut = 0, stuck = 0, failed = 0;
        var decisionHours = new List<double>(results.Length);
        var digest = new StringBuilder();
        for (var i = 0; i < results.Length; i++)
        {
            string line;
            if (results[i] is not { } metadata || metadata.Status == WorkflowStatus.Running)
            {
                stuck++;
                line = "stuck";
            }
            else if (metadata.Status != WorkflowStatus.Completed)
            {
                failed++;
                line = $"{metadata.Status}:{metadata.Error?.ErrorType}";
            }
            else
            {
                var outcome = metadata.Output.Deserialize(ApprovalJson.Default.ExpenseOutcome);
                escalated += outcome.Escalated ? 1 : 0;
                switch (outcome.Verdict)
                {
                    case ExpenseVerdict.Approved:
                        approved++;
                        approvedAfterEscalation += outcome.Escalated ? 1 : 0;
                        break;
                    case ExpenseVerdict.Rejected:
                        rejected++;
                        break;
                    default:
                        timedOut++;
                        break;
                }

                if (outcome.Verdict != ExpenseVerdict.AutoRejected)
                {
                    decisionHours.Add(outcome.DecisionHours);
                }

                line = $"{outcome.Verdict}:{outcome.Escalated}:{outcome.DecidedBy}";
            }

            digest.Append(expenses[i].ExpenseId).Append('=').Append(line).Append('\n');
        }

        decisionHours.Sort();
        return new ApprovalSummary
        {
            Requests = expenses.Count,
            Approved = approved,
            Rejected = rejected,
            Escalated = escalated,
            ApprovedAfterEscalation = approvedAfterEscalation,
            TimedOutCompletely = timedOut,
            Stuck = stuck,
            Failed = failed,
            DecisionsRecorded = services.Ledger.Count,
            MedianDecisionHours = Math.Round(Median(decisionHours), 1),
            VirtualDays = Math.Round(virtualElapsed.TotalDays, 2),
            Speed = options.Speed,
            Steps = runtime.Counters.StepsApplied,
            WallSeconds = Math.Round(elapsed.TotalSeconds, 2),
            Seed = options.Seed,
            OutcomeDigest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(digest.ToString())))[..16],
        };
    }

    private static double Median(List<double> sorted) => sorted.Count switch
    {
        0 => 0,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[(n / 2) - 1] + sorted[n / 2]) / 2,
    };
}
