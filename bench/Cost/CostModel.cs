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
    /// Lambda invocations: one DeleteMessageBatch per successful batch, as the event source mapping deletes a
    /// batch's messages once the function returns.
    /// </summary>
    public double Invocations => Usage["sqs.DeleteMessageBatch"];

    /// <summary>Share of invocations that are the orchestrator's, by the messages each side consumes (one per step on the services' side).</summary>
    public double OrchestratorShare => Usage.Turns / (Usage.Turns + Usage.Steps);

    /// <summary>
    /// Receives the SQS emulator answered empty before their long poll was over (it wakes every waiting receive when a
    /// message arrives). SQS keeps such a poll waiting, so on AWS they are not separate requests: not billed here.
    /// </summary>
    public double FalseEmptyReceives => Usage["emulator.falseEmptyReceives"];

    /// <summary>
    /// Requests on the standard service queues: EventBridge's deliveries, or with direct dispatch the orchestrator's
    /// batch sends, one per turn and service, so at most one per step (the sample's turns call distinct services:
    /// exactly one). The other batches, beyond the one start batch per workflow, carry replies to the FIFO inbox.
    /// </summary>
    public double StandardQueueSends => EventEntries > 0
        ? EventEntries
        : Math.Min(Usage.Steps, Math.Max(0, Usage["sqs.SendMessageBatch"] - Usage.Workflows));

    /// <summary>Our bill for the run, by part.</summary>
    public IReadOnlyList<CostLine> Ours()
    {
        var sqsRequests = Usage.Requests
            .Where(r => r.Key.StartsWith("sqs.", StringComparison.Ordinal) && r.Key.Count(c => c == '.') == 1)
            .Sum(r => r.Value) - FalseEmptyReceives;
        var standardSqs = Math.Min(StandardQueueSends, sqsRequests);
        var orchestratorInvocations = Invocations * OrchestratorShare;
        var serviceInvocations = Invocations - orchestratorInvocations;
        var gbSeconds = (orchestratorInvocations * Assumptions.OrchestratorMemoryGb * Assumptions.OrchestratorSecondsPerInvocation)
            + (serviceInvocations * Assumptions.ServiceMemoryGb * Assumptions.ServiceOverheadSecondsPerInvocation);
        return
        [
            new("sqsFifo", "SQS FIFO requests: inbox sends, every receive (less the emulator's false empties) and delete (priced at FIFO to be safe)", sqsRequests - standardSqs, Prices.SqsFifoRequest),
            new("sqsStandard", "SQS standard requests: sends to the service queues (EventBridge deliveries, or direct dispatch)", standardSqs, Prices.SqsStandardRequest),
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
