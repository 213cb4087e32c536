namespace LambdaWorkflow.Simulation;

/// <summary>The faults the simulation injects at step boundaries.</summary>
public enum FaultKind
{
    /// <summary>The orchestrator dies after committing a turn, before publishing its commands.</summary>
    CrashAfterPersistBeforePublish,

    /// <summary>A consumer dies after handling a batch, before deleting it; the batch is redelivered after the visibility timeout.</summary>
    CrashAfterHandleBeforeDelete,

    /// <summary>A service dies after its side effect, before sending the reply.</summary>
    CrashAfterSideEffectBeforeReply,

    /// <summary>A consumer dies right after receiving; the messages reappear after the visibility timeout.</summary>
    CrashAfterReceive,

    /// <summary>The queue delivers a message a second time (at-least-once delivery).</summary>
    DuplicateDelivery,

    /// <summary>A standard queue hands a batch over in another order.</summary>
    Reorder,

    /// <summary>A slow consumer outlives the visibility timeout: the message is delivered again while the first copy is still being handled.</summary>
    VisibilityTimeoutExpiry,

    /// <summary>The state store throttles a commit.</summary>
    StoreThrottled,

    /// <summary>A commit loses a version race after writing its events.</summary>
    VersionConflict,

    /// <summary>A Lambda is replaced by a cold one: every instance held in memory is gone.</summary>
    ColdStart,
}
