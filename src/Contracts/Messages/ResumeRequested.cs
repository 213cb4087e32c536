namespace LambdaWorkflow.Contracts.Messages;

/// <summary>
/// Asks a faulted instance to run again, typically after a deployment fixed the code that faulted it. An instance
/// that is not faulted ignores it.
/// </summary>
public sealed record ResumeRequested : InboxMessage
{
    /// <summary>Creates an empty message; set its fields with an initializer.</summary>
    public ResumeRequested()
        : base(InboxMessageTypes.ResumeRequested)
    {
    }

    /// <summary>The sender's id of this request, so that a resent request is a duplicate but a later one is not.</summary>
    public string RequestId { get; init; } = string.Empty;

    /// <summary>Why, for the record.</summary>
    public string? Reason { get; init; }

    /// <inheritdoc />
    public override string Identity => "resume|" + InstanceId + "|" + RequestId;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        Require.Name(RequestId, "requestId");
    }
}
