namespace LambdaWorkflow.Cost;

/// <summary>
/// Prices a measured run: LambdaWorkflow on AWS from its request counts, and the same workflows on Step Functions
/// Standard and Express. A step is one service call and the orchestrator turn that applies its result.
/// </summary>
internal sealed class CostModel(Usage usage, Assumptions assumptions)
{
    public Usage Usage { get; } = usage;

    public Assumptions Assumptions { get; } = assumptions;

    /// <summary>EventBridge entries: one CallRequested event per step; each becomes one SendMessage to a service queue.</summary>
    public double EventEntries => Usage["events.PutEventsEntries"];

    /// <summary>
    /// Lambda invocations: one per non-empty receive of a mapping when the summary counts them, else one per
    /// DeleteMessageBatch, as the event source mapping deletes a batch's messages once the function returns.
    /// </summary>
    public double Invocations => Usage["emulator.batchesFifo"] > 0
        ? Usage["emulator.batchesFifo"] + Usage["emulator.batchesStandard"]
        : Usage["sqs.DeleteMessageBatch"];

    /// <summary>
    /// Share of invocations that are the orchestrator's: measured as the inbox's batches (the FIFO queue) when the
    /// summary counts them, else by the messages each side consumes (one per turn against one per step).
    /// </summary>
    public double OrchestratorShare => Usage["emulator.batchesFifo"] > 0
        ? Usage["emulator.batchesFifo"] / Invocations
        : Usage.Turns / (Usage.Turns + Usage.Steps);

    /// <summary>
    /// Receives the SQS emulator answered empty before their long poll was over (it wakes every waiting receive when a
    /// message arrives). SQS keeps such a poll waiting, so on AWS they are not separate requests: not billed here.
    /// </summary>
    public double FalseEmptyReceives => Usage["emulator.falseEmptyReceives"];

    /// <summary>The billed SQS requests by queue type, measured or (for older summaries) assumed.</summary>
    public SqsRequests Sqs => SqsRequests.Of(Usage);

    /// <summary>How full the batches were; null for older summaries.</summary>
    public BatchSizes? Batches => BatchSizes.Of(Usage);

    /// <summary>Our bill for the run, by part.</summary>
    public IReadOnlyList<CostLine> Ours()
    {
        var sqs = Sqs;
        var orchestratorInvocations = Invocations * OrchestratorShare;
        var serviceInvocations = Invocations - orchestratorInvocations;
        var gbSeconds = (orchestratorInvocations * Assumptions.OrchestratorMemoryGb * Assumptions.OrchestratorSecondsPerInvocation)
            + (serviceInvocations * Assumptions.ServiceMemoryGb * Assumptions.ServiceOverheadSecondsPerInvocation);
        return
        [
            new("sqsFifo", sqs.Measured
                ? "SQS FIFO requests, counted by queue: inbox sends, receives (less the emulator's false empties), deletes"
                : "SQS FIFO requests, ASSUMED (old summary, no per-queue counts): every request but the sends to the service queues", sqs.Fifo, Prices.SqsFifoRequest),
            new("sqsStandard", sqs.Measured
                ? "SQS standard requests, counted by queue: service-queue sends (EventBridge deliveries or direct dispatch), receives, deletes"
                : "SQS standard requests, ASSUMED (old summary): only the sends to the service queues", sqs.Standard, Prices.SqsStandardRequest),
            new("eventBridge", "EventBridge custom events (PutEvents entries)", EventEntries, Prices.EventBridgeCustomEvent),
            new("dynamoDbWrite", "DynamoDB on-demand write request units", Usage["dynamodb.WriteCapacityUnits"], Prices.DynamoDbWriteRequestUnit),
            new("dynamoDbRead", "DynamoDB on-demand read request units", Usage["dynamodb.ReadCapacityUnits"], Prices.DynamoDbReadRequestUnit),
            new("lambdaRequests", "Lambda invocations, orchestrator and service (one per SQS batch)", Invocations, Prices.LambdaRequest),
            new("lambdaDuration", "Lambda GB-seconds: orchestrator turns and the service host's overhead", gbSeconds, Prices.LambdaGbSecond),
            new("logs", "CloudWatch Logs ingestion (GB): Lambda's per-invocation lines", Invocations * Assumptions.LogBytesPerInvocation / 1e9, Prices.CloudWatchLogsIngestedGb),
        ];
    }

    /// <summary>
    /// Step Functions Standard transitions: one Task state per call, one Parallel state per workflow (reserve and
    /// charge), and per compensated workflow a Choice (what to undo) and a Parallel (the undo calls). Retries, which
    /// Standard also bills, are left out in its favour.
    /// </summary>
    public double StandardTransitions => Usage.Steps + Usage.Workflows + (2.0 * Usage.Compensated);

    /// <summary>Step Functions Standard for the same run: transitions, and the service Lambda invoked once per call.</summary>
    public IReadOnlyList<CostLine> StepFunctionsStandard() =>
    [
        new("stateTransitions", "Step Functions Standard state transitions", StandardTransitions, Prices.StepFunctionsStandardTransition),
        new("lambdaRequests", "Lambda invocations of the services, one per Task", Usage.Steps, Prices.LambdaRequest),
    ];

    /// <summary>Step Functions Express for the same run (if the workflows fit its five minutes and at-least-once model).</summary>
    public IReadOnlyList<CostLine> StepFunctionsExpress() =>
    [
        new("requests", "Step Functions Express executions", Usage.Workflows, Prices.StepFunctionsExpressRequest),
        new("duration", "Step Functions Express GB-seconds", Usage.Workflows * Assumptions.ExpressMemoryGb * Assumptions.ExpressSecondsPerWorkflow, Prices.StepFunctionsExpressGbSecond),
        new("lambdaRequests", "Lambda invocations of the services, one per Task", Usage.Steps, Prices.LambdaRequest),
    ];

    /// <summary>
    /// A floor for Lambda durable functions running the same workflows: one durable operation per call (the wait for
    /// the service's answer) and one invocation per call (the resume that takes it). Starts, compute, data written and
    /// retained, and any further operations per call (a step that sends the request) are left out in its favour.
    /// </summary>
    public IReadOnlyList<CostLine> LambdaDurableFunctionsFloor() =>
    [
        new("durableOperations", "Lambda durable operations, one per call", Usage.Steps, Prices.LambdaDurableOperation),
        new("lambdaRequests", "Lambda invocations of the durable function, one resume per call", Usage.Steps, Prices.LambdaRequest),
        new("serviceRequests", "Lambda invocations of the services, one per call", Usage.Steps, Prices.LambdaRequest),
    ];

    /// <summary>Dollars per million steps of a bill for this run.</summary>
    public double PerMillionSteps(IEnumerable<CostLine> lines) => lines.Sum(l => l.Dollars) / Usage.Steps * 1e6;

    /// <summary>Dollars per million workflows of a bill for this run.</summary>
    public double PerMillionWorkflows(IEnumerable<CostLine> lines) => lines.Sum(l => l.Dollars) / Usage.Workflows * 1e6;
}
