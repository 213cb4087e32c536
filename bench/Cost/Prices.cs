namespace LambdaWorkflow.Cost;

/// <summary>
/// Published us-east-1 list prices in dollars, first pricing tier, free tiers ignored. Sources are cited in
/// docs/cost.md; change a price here and there together.
/// </summary>
internal static class Prices
{
    /// <summary>SQS standard queue, per request (each 64 KB chunk of a request's payload is one request).</summary>
    public const double SqsStandardRequest = 0.40 / 1e6;

    /// <summary>SQS FIFO queue, per request (64 KB chunks).</summary>
    public const double SqsFifoRequest = 0.50 / 1e6;

    /// <summary>EventBridge custom event published to a bus, per event (each 64 KB chunk of an entry is one event).</summary>
    public const double EventBridgeCustomEvent = 1.00 / 1e6;

    /// <summary>DynamoDB on-demand write request unit (since the November 2024 price cut).</summary>
    public const double DynamoDbWriteRequestUnit = 0.625 / 1e6;

    /// <summary>DynamoDB on-demand read request unit (since the November 2024 price cut).</summary>
    public const double DynamoDbReadRequestUnit = 0.125 / 1e6;

    /// <summary>Lambda invocation.</summary>
    public const double LambdaRequest = 0.20 / 1e6;

    /// <summary>Lambda duration on x86, per GB-second.</summary>
    public const double LambdaGbSecond = 0.0000166667;

    /// <summary>CloudWatch Logs standard ingestion, per GB.</summary>
    public const double CloudWatchLogsIngestedGb = 0.50;

    /// <summary>Step Functions Standard, per state transition.</summary>
    public const double StepFunctionsStandardTransition = 25.0 / 1e6;

    /// <summary>Lambda durable functions, per durable operation (step, wait, callback), before compute and data charges.</summary>
    public const double LambdaDurableOperation = 8.00 / 1e6;

    /// <summary>Step Functions Express, per execution started.</summary>
    public const double StepFunctionsExpressRequest = 1.00 / 1e6;

    /// <summary>Step Functions Express duration, per GB-second (memory billed in 64 MB chunks, time in 100 ms steps).</summary>
    public const double StepFunctionsExpressGbSecond = 0.00001667;
}
