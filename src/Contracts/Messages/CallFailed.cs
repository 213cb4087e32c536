namespace LambdaWorkflow.Contracts.Messages;

/// <summary>A service's failure reply to a call, after its own retries were exhausted or the error was permanent.</summary>
public sealed record CallFailed : InboxMessage
{
    /// <summary>Creates an empty message; set its fields with an initializer.</summary>
    public CallFailed()
        : base(InboxMessageTypes.CallFailed)
    {
    }

    /// <summary>The call answered (<c>{instanceId}#{callNumber}</c>).</summary>
    public string CallId { get; init; } = string.Empty;

    /// <summary>The dispatch attempt answered, starting at 1.</summary>
    public int Attempt { get; set; } = 1;

    /// <summary>What went wrong.</summary>
    public FailureDetails? Error { get; init; }

    /// <inheritdoc />
    public override string Identity => "result|" + CallId + "|" + Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        Require.CallId(CallId, InstanceId);
        Require.Positive(Attempt, "attempt");
        if (Error is null)
        {
            throw new MessageFormatException("error", "is missing");
        }

        Require.Text(Error.ErrorType, "error.errorType");
        Require.Text(Error.Message, "error.message", allowEmpty: true);
    }
}
