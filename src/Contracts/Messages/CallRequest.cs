namespace LambdaWorkflow.Contracts.Messages;

/// <summary>
/// The <c>detail</c> of a <c>CallRequested</c> event: a command for one service operation.
/// <see cref="CallId"/> is deterministic and is the idempotency key end to end.
/// </summary>
public sealed record CallRequest
{
    /// <summary>The call's id, <c>{instanceId}#{callNumber}</c>.</summary>
    public string CallId { get; init; } = string.Empty;

    /// <summary>The calling workflow instance.</summary>
    public string InstanceId { get; init; } = string.Empty;

    /// <summary>The calling workflow's name.</summary>
    public string Workflow { get; init; } = string.Empty;

    /// <summary>The service, matched by its EventBridge rule.</summary>
    public string Service { get; init; } = string.Empty;

    /// <summary>The operation within the service.</summary>
    public string Operation { get; init; } = string.Empty;

    /// <summary>The dispatch attempt, starting at 1.</summary>
    public int Attempt { get; set; } = 1;

    /// <summary>Where the reply goes: the inbox queue's URL on AWS, or its name on the embedded runtime.</summary>
    public string ReplyTo { get; init; } = string.Empty;

    /// <summary>The request payload.</summary>
    public JsonPayload Payload { get; init; }

    /// <summary>When the orchestrator issued the call.</summary>
    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>W3C trace context of the calling workflow, if traced.</summary>
    public string? TraceParent { get; init; }

    /// <summary>Checks every required field.</summary>
    /// <exception cref="MessageFormatException">A field is missing or invalid; the field name is prefixed with <paramref name="pathPrefix"/>.</exception>
    public void Validate(string pathPrefix = "detail.")
    {
        try
        {
            Require.Name(InstanceId, "instanceId");
            Require.CallId(CallId, InstanceId);
            Require.Name(Workflow, "workflow");
            Require.Name(Service, "service");
            Require.Name(Operation, "operation");
            Require.Positive(Attempt, "attempt");
            Require.Text(ReplyTo, "replyTo");
            Require.Present(Payload, "payload");
        }
        catch (MessageFormatException ex) when (pathPrefix.Length > 0)
        {
            throw new MessageFormatException(pathPrefix + ex.Field, ex.Problem, ex);
        }
    }
}
