namespace LambdaWorkflow.Contracts.Messages;

/// <summary>Starts a new workflow instance; a second start of the same instance id is a duplicate.</summary>
public sealed record StartWorkflow : InboxMessage
{
    /// <summary>Creates an empty message; set its fields with an initializer.</summary>
    public StartWorkflow()
        : base(InboxMessageTypes.StartWorkflow)
    {
    }

    /// <summary>The registered workflow name.</summary>
    public string Workflow { get; init; } = string.Empty;

    /// <summary>The workflow's request.</summary>
    public JsonPayload Input { get; init; }

    /// <summary>The parent instance, when this is a child workflow.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>The parent's call id this child answers, when this is a child workflow.</summary>
    public string? ParentCallId { get; init; }

    /// <inheritdoc />
    public override string Identity => "start|" + InstanceId;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        Require.Name(Workflow, "workflow");
        Require.Present(Input, "input");
        if (ParentInstanceId is not null || ParentCallId is not null)
        {
            Require.Name(ParentInstanceId, "parentInstanceId");
            Require.CallId(ParentCallId, ParentInstanceId!, "parentCallId");
        }
    }
}
