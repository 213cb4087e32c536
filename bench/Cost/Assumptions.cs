namespace LambdaWorkflow.Cost;

/// <summary>What the model cannot measure locally and assumes instead; every field is printed with the result.</summary>
internal sealed record Assumptions
{
    /// <summary>Orchestrator function memory.</summary>
    public double OrchestratorMemoryGb { get; init; } = 0.25;

    /// <summary>Billed duration of one orchestrator invocation (a batch of turns: load, replay or warm resume, persist, publish).</summary>
    public double OrchestratorSecondsPerInvocation { get; init; } = 0.020;

    /// <summary>Service function memory.</summary>
    public double ServiceMemoryGb { get; init; } = 0.25;

    /// <summary>
    /// Billed duration the service host adds to an invocation (dispatch, idempotency record, reply). The handler's own
    /// work is the same behind Step Functions, so it is left out of both sides.
    /// </summary>
    public double ServiceOverheadSecondsPerInvocation { get; init; } = 0.010;

    /// <summary>CloudWatch Logs bytes per invocation: Lambda's START/END/REPORT lines; the runtime logs at Warning.</summary>
    public double LogBytesPerInvocation { get; init; } = 400;

    /// <summary>Step Functions Express: memory an execution of the sample is billed for (the 64 MB minimum).</summary>
    public double ExpressMemoryGb { get; init; } = 0.064;

    /// <summary>Step Functions Express: billed duration per workflow, after rounding up to 100 ms (three synchronous Lambda tasks).</summary>
    public double ExpressSecondsPerWorkflow { get; init; } = 0.3;
}
