using System.Diagnostics;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Local.Queues;
using LambdaWorkflow.Orchestrator.State;
using OrderFulfillment;
using OrderFulfillment.Domain;
using OrderFulfillment.Services;

namespace LambdaWorkflow.Simulation;

/// <summary>
/// Runs one seed: a fault-free reference run and a run with faults at every step boundary, on the same orders, then
/// checks the invariants. Everything is single-threaded on a fake clock, so a seed replays exactly.
/// </summary>
public static class SimulationRunner
{
    /// <param name="seed">The seed of the orders and of every fault decision.</param>
    /// <param name="workflows">Workflow instances to run.</param>
    /// <param name="faultRate">Probability of each fault at each step boundary.</param>
    /// <param name="dropRate">Probability that the transport silently loses a received message: a deliberate bug, to prove the checks catch losses.</param>
    /// <param name="idempotent">Services deduplicate by call id with an idempotency store (effects once); without it, at least once.</param>
    public static SimulationResult RunSeed(int seed, int workflows, double faultRate, double dropRate = 0, bool idempotent = true)
    {
        var clock = Stopwatch.StartNew();
        var plan = new SampleOptions { Seed = seed, Workflows = workflows };
        var reference = Drive(new FaultInjector(seed, 0), plan, 0, idempotent);
        var faults = new FaultInjector(seed, faultRate);
        var chaos = Drive(faults, plan, dropRate, idempotent);

        int completed = 0, lost = 0, stuck = 0, missing = 0;
        foreach (var (id, expected) in reference.Outcomes)
        {
            var actual = chaos.Outcomes.GetValueOrDefault(id);
            if (actual is null)
            {
                lost++;
            }
            else if (actual == nameof(WorkflowStatus.Running))
            {
                stuck++;
            }
            else if (actual == expected)
            {
                completed++;
            }
            else
            {
                lost++; // finished differently from the fault-free run: something was lost or applied twice
            }
        }

        foreach (var snapshot in chaos.World.Store.ListInstances())
        {
            var history = chaos.World.Store.LoadAsync(snapshot.InstanceId).GetAwaiter().GetResult()!.History;
            missing += history.Count(e => e.Type is HistoryEventType.CallCompleted or HistoryEventType.CallFailed
                && !chaos.World.Ledger.Contains(Contracts.CallIds.Create(snapshot.InstanceId, e.CallNumber)));
        }

        var unaccounted = chaos.World.Queues.Queues.Where(q => !q.Name.Contains("-dlq", StringComparison.Ordinal))
            .Sum(q => { var c = q.GetCounts(); return c.Visible + c.InFlight + c.Delayed; });
        var deadLettered = chaos.World.Queues.Queues.Where(q => q.Name.Contains("-dlq", StringComparison.Ordinal)).Sum(q => q.GetCounts().Visible);
        var broken = lost + stuck + missing + unaccounted > 0 || (idempotent && chaos.World.Ledger.Duplicated > 0) || reference.Outcomes.Values.Any(o => o == nameof(WorkflowStatus.Running));
        return new SimulationResult
        {
            Workflows = workflows,
            Seeds = 1,
            Faults = faults.Counts.ToDictionary(p => p.Key.ToString(), p => p.Value),
            Completed = completed,
            Lost = lost,
            Stuck = stuck,
            DuplicateSideEffects = chaos.World.Ledger.Duplicated,
            MissingSideEffects = missing,
            DeadLettered = deadLettered,
            Unaccounted = unaccounted,
            Steps = chaos.Steps,
            Seconds = clock.Elapsed.TotalSeconds,
            FailingSeeds = broken ? [seed] : [],
        };
    }

    private static (SimulatedWorld World, Dictionary<string, string> Outcomes, long Steps) Drive(FaultInjector faults, SampleOptions plan, double dropRate, bool idempotent)
    {
        var sabotage = new Random(plan.Seed ^ 0x5eed);
        var world = new SimulatedWorld(faults, plan, idempotent);
        var ids = new List<string>(plan.Workflows);
        for (var i = 1; i <= plan.Workflows; i++)
        {
            var order = SampleRunner.Order(plan.Seed, i);
            ids.Add(world.Client.StartAsync(Workflows.Order, order, order.OrderId).GetAwaiter().GetResult());
        }

        var random = faults.Random;
        var queues = new List<LocalQueue> { world.Inbox };
        queues.AddRange(world.ServiceQueues);
        long steps = 0;
        var budget = 400L * plan.Workflows + 10_000;
        var duplicates = 0;
        while (steps < budget)
        {
            var ready = queues.Where(q => q.GetCounts().Visible > 0).ToList();
            if (ready.Count == 0)
            {
                if (queues.All(q => q.GetCounts() is { InFlight: 0, Delayed: 0 }))
                {
                    break; // quiescent: nothing left anywhere
                }

                world.Clock.Advance(SimulatedWorld.VisibilityTimeout + TimeSpan.FromSeconds(1));
                continue;
            }

            var queue = ready[random.Next(ready.Count)];
            var receive = queue.ReceiveAsync(random.Next(1, 11), TimeSpan.Zero).AsTask();
            var received = receive.IsCompleted ? receive.Result.ToList() : throw new InvalidOperationException("A receive without waiting must complete at once.");
            steps++;
            if (faults.Strikes(FaultKind.CrashAfterReceive, 0.5))
            {
                continue;
            }

            if (dropRate > 0 && sabotage.NextDouble() < dropRate)
            {
                received.ForEach(m => queue.Delete(m.ReceiptHandle));
                continue;
            }

            if (queue != world.Inbox && received.Count > 1 && faults.Strikes(FaultKind.Reorder, 2))
            {
                Shuffle(received, random);
            }

            var outcomes = world.Handle(queue, received);
            if (faults.Strikes(FaultKind.CrashAfterHandleBeforeDelete))
            {
                if (queue == world.Inbox)
                {
                    world.RestartOrchestrator();
                }

                continue;
            }

            if (faults.Strikes(FaultKind.VisibilityTimeoutExpiry))
            {
                world.Clock.Advance(SimulatedWorld.VisibilityTimeout + TimeSpan.FromSeconds(1));
                continue;
            }

            for (var i = 0; i < received.Count; i++)
            {
                Settle(queue, received[i], outcomes[i]);
                if (outcomes[i].Disposition == MessageDisposition.Completed && faults.Strikes(FaultKind.DuplicateDelivery))
                {
                    // At-least-once delivery: the same body arrives again as a different message.
                    queue.Send(received[i].Body, groupId: received[i].GroupId, deduplicationId: queue.Options.Fifo ? "duplicate-" + ++duplicates : null);
                }
            }

            if (faults.Strikes(FaultKind.ColdStart, 0.2))
            {
                world.RestartOrchestrator();
            }
        }

        var outcomesById = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var metadata = world.Store.GetMetadataAsync(id).GetAwaiter().GetResult();
            if (metadata is not null)
            {
                outcomesById[id] = metadata.Status == WorkflowStatus.Completed ? metadata.Output.ToString() : metadata.Status.ToString() + ":" + metadata.Error?.ErrorType;
                if (metadata.Status == WorkflowStatus.Running)
                {
                    outcomesById[id] = nameof(WorkflowStatus.Running);
                }
            }
        }

        return (world, outcomesById, steps);
    }

    private static void Settle(LocalQueue queue, ReceivedLocalMessage message, MessageOutcome outcome)
    {
        switch (outcome.Disposition)
        {
            case MessageDisposition.Completed:
                queue.Delete(message.ReceiptHandle);
                break;
            case MessageDisposition.Retry:
                // A duplicate of a call still in progress comes back when its lease may have run out.
                queue.ChangeVisibility(message.ReceiptHandle, outcome.RetryAfter ?? TimeSpan.Zero);
                break;
            default:
                var attributes = new Dictionary<string, string> { [DeadLetterAttributes.Reason] = outcome.Reason ?? "?" };
                queue.DeadLetterQueue!.Send(message.Body, attributes, message.GroupId, queue.Options.Fifo ? message.MessageId : null);
                queue.Delete(message.ReceiptHandle);
                break;
        }
    }

    private static void Shuffle<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
