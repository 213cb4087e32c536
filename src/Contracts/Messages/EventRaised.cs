namespace LambdaWorkflow.Contracts.Messages;

/// <summary>An external event (a signal) sent to an instance.</summary>
public sealed record EventRaised : InboxMessage
{
    /// <summary>Creates an empty message; set its fields with an initializer.</summary>
    public EventRaised()
        : base(InboxMessageTypes.EventRaised)
    {
    }

    /// <summary>The event's name, which the workflow waits for.</summary>
    public string EventName { get; init; } = string.Empty;

    /// <summary>The sender's id of this event, so that a resent event is a duplicate.</summary>
    public string EventId { get; init; } = string.Empty;

    /// <summary>The event's payload.</summary>
    public JsonPayload Payload { get; init; }

    /// <inheritdoc />
    public override string Identity => "event|" + InstanceId + "|" + EventId;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        Require.Name(EventName, "eventName");
        Require.Name(EventId, "eventId");
        Require.Present(Payload, "payload");
    }
}
