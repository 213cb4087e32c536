using LambdaWorkflow.Contracts;

namespace LambdaWorkflow.Orchestrator.State;

/// <summary>One entry of an instance's history. Payloads stay raw UTF-8 JSON until the workflow reads them.</summary>
public sealed record HistoryEvent
{
    /// <summary>Position in the history, from 0.</summary>
    public required int Sequence { get; init; }

    /// <summary>What happened.</summary>
    public required HistoryEventType Type { get; init; }

    /// <summary>When it happened, on the turn's clock (the triggering message's send time).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The call number for call events; -1 otherwise.</summary>
    public int CallNumber { get; init; } = -1;

    /// <summary>The service of a scheduled call.</summary>
    public string? Service { get; init; }

    /// <summary>The operation of a scheduled call.</summary>
    public string? Operation { get; init; }

    /// <summary>The name of an external event, or the change id of a version marker.</summary>
    public string? Name { get; init; }

    /// <summary>The sender's id of an external event, which makes a resent event a duplicate.</summary>
    public string? Key { get; init; }

    /// <summary>The dispatch attempt of a call event.</summary>
    public int Attempt { get; init; }

    /// <summary>Input, request, response or result, depending on <see cref="Type"/>.</summary>
    public JsonPayload Payload { get; init; }

    /// <summary>The failure of a failed call or workflow.</summary>
    public FailureDetails? Failure { get; init; }
}
