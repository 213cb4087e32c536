namespace LambdaWorkflow.Cli.Commands;

/// <summary>What <c>start</c>, <c>signal</c> and <c>cancel</c> sent to the inbox.</summary>
/// <param name="Type">The inbox message type.</param>
/// <param name="InstanceId">The instance it is for.</param>
/// <param name="Inbox">The inbox queue URL.</param>
/// <param name="Workflow">For a start: the workflow.</param>
/// <param name="EventName">For a signal: the event's name.</param>
/// <param name="EventId">For a signal: the event id that makes a resend a duplicate.</param>
public sealed record SentMessage(string Type, string InstanceId, string Inbox, string? Workflow = null, string? EventName = null, string? EventId = null);
