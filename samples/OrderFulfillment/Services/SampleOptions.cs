using OrderFulfillment.Targets;

namespace OrderFulfillment.Services;

/// <summary>How the sample runs: how many orders, and how often and how slowly its services fail.</summary>
public sealed record SampleOptions
{
    public int Workflows { get; init; } = 200;

    /// <summary>Where the workflows run. Default the embedded runtime.</summary>
    public SampleTarget Target { get; init; } = SampleTarget.Embedded;

    public int Seed { get; init; } = 42;

    public double PaymentDeclineRate { get; init; } = 0.05;

    public double OutOfStockRate { get; init; } = 0.03;

    public double ShippingFailureRate { get; init; } = 0.02;

    public double TransientFailureRate { get; init; } = 0.10;

    public int MinLatencyMs { get; init; } = 1;

    public int MaxLatencyMs { get; init; } = 10;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    public bool Json { get; init; }

    /// <summary>A SQLite file for the workflow state; a run killed midway resumes from it. Null keeps state in memory.</summary>
    public string? Database { get; init; }

    /// <summary>On the emulators, send calls straight to the service queues instead of through EventBridge.</summary>
    public bool DirectDispatch { get; init; }
}
