namespace LambdaWorkflow.Contracts.Messages;

/// <summary>A durable timer of the instance has come due.</summary>
public sealed record TimerFired : InboxMessage
{
    /// <summary>Creates an empty message; set its fields with an initializer.</summary>
    public TimerFired()
        : base(InboxMessageTypes.TimerFired)
    {
    }

    /// <summary>The timer's id (a call id: timers are numbered with calls).</summary>
    public string TimerId { get; init; } = string.Empty;

    /// <summary>When the timer was due.</summary>
    public DateTimeOffset FireAt { get; init; }

    /// <inheritdoc />
    public override string Identity => "timer|" + TimerId;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        Require.CallId(TimerId, InstanceId, "timerId");
    }
}
