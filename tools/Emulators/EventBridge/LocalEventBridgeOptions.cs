namespace LambdaWorkflow.Emulators;

/// <summary>Settings of <see cref="LocalEventBridgeEndpoint"/>; the defaults are EventBridge's.</summary>
public sealed class LocalEventBridgeOptions
{
    /// <summary>The region signatures must be scoped to. Default us-east-1.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The endpoint's clock, for signature expiry. Default the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How far a request's X-Amz-Date may be from the endpoint's clock. Default 15 minutes, as AWS.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Most entries in one request. Default 10.</summary>
    public int MaxEntriesPerRequest { get; set; } = 10;

    /// <summary>Largest summed entry size of one request. Default 256 KB.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Headers that must be signed besides host and x-amz-date. AWS does not insist on these, the project does: its
    /// client must sign every header that selects the operation. Default content-type and x-amz-target.
    /// </summary>
    public IReadOnlyList<string> RequiredSignedHeaders { get; set; } = ["content-type", "x-amz-target"];

    /// <summary>
    /// Receives each accepted entry, with its event id, before the response is sent; an exception fails that entry with
    /// InternalFailure. Default none. Routing to queues plugs in here.
    /// </summary>
    public Func<PutEventsEntry, Task>? Delivery { get; set; }
}
