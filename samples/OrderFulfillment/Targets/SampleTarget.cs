namespace OrderFulfillment.Targets;

/// <summary>Where the sample's workflows run.</summary>
public enum SampleTarget
{
    /// <summary>The embedded runtime: in-process queues, bus and state; nothing to install.</summary>
    Embedded,

    /// <summary>The local AWS emulators through the real SDK clients: fauxqs, dynalite and a local EventBridge endpoint.</summary>
    Emulators,
}
