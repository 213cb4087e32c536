using System.Text.Json.Serialization;

namespace OrderFulfillment;

/// <summary>What a run of the sample did; printed as a table and, with <c>--json</c>, as one JSON line.</summary>
public sealed record SampleSummary
{
    public required int Workflows { get; init; }

    public required int Completed { get; init; }

    public required int Compensated { get; init; }

    public required int Failed { get; init; }

    public required int Stuck { get; init; }

    public required int Lost { get; init; }

    public required long Steps { get; init; }

    public required double StepsPerSecond { get; init; }

    public required double P50Ms { get; init; }

    public required double P99Ms { get; init; }

    public required long Retries { get; init; }

    public required long Redeliveries { get; init; }

    public required long DeadLettered { get; init; }

    public required double Seconds { get; init; }

    public required int Seed { get; init; }

    /// <summary>SHA-256 over every order's outcome: equal digests mean equal results (compare runs and targets).</summary>
    public required string OutcomeDigest { get; init; }

    /// <summary>
    /// On the emulators: every AWS request the deployment made, by <c>service.Operation</c> (and failed ones by
    /// <c>service.Operation.Error</c>), the PutEvents entries, and the DynamoDB capacity units the responses reported.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double>? AwsRequests { get; init; }

    /// <summary>On the emulators: the requests the sample made to watch the orders (status reads), not counted above.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ObserverRequests { get; init; }
}
