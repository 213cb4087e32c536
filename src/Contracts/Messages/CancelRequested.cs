namespace LambdaWorkflow.Contracts.Messages;

/// <summary>Asks an instance to cancel.</summary>
public sealed record CancelRequested : InboxMessage
{
    /// <inheritdoc />
    public override string Type => InboxMessageTypes.CancelRequested;

    /// <summary>Why, for the record.</summary>
    public string? Reason { get; init; }

    /// <inheritdoc />
    public override string Identity => "cancel|" + InstanceId;
}
