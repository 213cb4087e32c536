namespace LambdaWorkflow.Contracts.Messages;

/// <summary>A service's successful reply to a call.</summary>
public sealed record CallCompleted : InboxMessage
{
    /// <summary>Creates an empty message; set its fields with an initializer.</summary>
    public CallCompleted()
        : base(InboxMessageTypes.CallCompleted)
    {
    }

    /// <summary>The call answered (<c>{instanceId}#{callNumber}</c>).</summary>
    public string CallId { get; init; } = string.Empty;

    /// <summary>The dispatch attempt answered, starting at 1.</summary>
    public int Attempt { get; set; } = 1;

    /// <summary>The response payload.</summary>
    public JsonPayload Result { get; init; }

    /// <inheritdoc />
    public override string Identity => "result|" + CallId + "|" + Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        Require.CallId(CallId, InstanceId);
        Require.Positive(Attempt, "attempt");
        Require.Present(Result, "result");
    }
}
