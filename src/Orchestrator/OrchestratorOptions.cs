using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Orchestrator;

/// <summary>Settings of the orchestrator message handler.</summary>
public sealed class OrchestratorOptions
{
    /// <summary>
    /// Largest payload in bytes (default 200 KB): an EventBridge entry holds 256 KB with its envelope, a DynamoDB item
    /// 400 KB. It bounds what a workflow sends (call requests, its result) and what it takes in: a larger workflow
    /// input or event payload is dead-lettered, and a larger call result is recorded as that call's failure
    /// (<see cref="PayloadTooLargeException"/>), so the workflow does not wait for it forever.
    /// </summary>
    public int MaxPayloadBytes { get; set; } = 200 * 1024;

    /// <summary>
    /// Most history events an instance may hold (default 20,000): a turn that would pass it fails the instance with
    /// <c>HistoryTooLarge</c> instead, because replay cost and store reads grow with the history.
    /// </summary>
    public int MaxHistoryEvents { get; set; } = 20_000;

    /// <summary>How often a turn that lost a version race is reloaded and redone (default 5).</summary>
    public int MaxConflictRetries { get; set; } = 5;

    /// <summary>Base delay between those retries; exponential with jitter (default 5 ms).</summary>
    public TimeSpan ConflictRetryDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How many instances of one batch are processed at once (default 16); one instance's messages always run in order.</summary>
    public int MaxConcurrentInstances { get; set; } = 16;

    /// <summary>
    /// Suspended instances kept in memory (default 1,024): a result for one of them is applied without replaying its
    /// history, after one metadata read confirms nothing else committed. 0 replays every turn from the store.
    /// </summary>
    public int WarmInstanceCapacity { get; set; } = 1024;

    /// <summary>
    /// The inbox queue's <c>maxReceiveCount</c>: a message that still fails on its last receive is dead-lettered with
    /// the failure as its reason, instead of being moved by the redrive policy without one. Null leaves it to the queue.
    /// </summary>
    public int? MaxReceiveCount { get; set; }

    /// <summary>Logging; workflows get replay-safe loggers from it. Null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock for metadata timestamps (history timestamps come from the messages).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
