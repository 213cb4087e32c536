namespace LambdaWorkflow.Contracts.Messages;

/// <summary>Asks an instance to cancel.</summary>
public sealed record CancelRequested : InboxMessage
{
    /// <summary>Creates an empty message; set its fields with an initializer.</summary>
    public CancelRequested()
        : base(InboxMessageTypes.CancelRequested)
    {
    }

    /// <summary>Why, for the record.</summary>
    public string? Reason { get; init; }

    /// <inheritdoc />
    public override string Identity => "cancel|" + InstanceId;
}
