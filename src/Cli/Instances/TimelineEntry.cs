using System.Text.Json;

namespace LambdaWorkflow.Cli.Instances;

/// <summary>One line of an instance's timeline: a history event, with what it refers to and how long it took.</summary>
/// <param name="Sequence">Position in the history.</param>
/// <param name="Type">The history event type.</param>
/// <param name="At">When it happened.</param>
/// <param name="OffsetMs">Milliseconds since the instance started.</param>
/// <param name="Summary">What it was about, in a few words: <c>#2 payments.charge</c>, <c>timer #3 due 12:00:05</c>, <c>event approved</c>.</param>
/// <param name="CallNumber">The call or timer number, if any.</param>
/// <param name="Service">The called service, for call events.</param>
/// <param name="Operation">The called operation, for call events.</param>
/// <param name="Attempt">The dispatch attempt, for call events.</param>
/// <param name="Name">The event name or version change id.</param>
/// <param name="DurationMs">For a result: since its call or timer was scheduled; for the end: since the start.</param>
/// <param name="DueAt">For a timer: when it is due.</param>
/// <param name="Payload">Input, request, result, event payload or reason.</param>
/// <param name="Error">The failure, for failed calls and workflows.</param>
public sealed record TimelineEntry(
    int Sequence,
    string Type,
    DateTimeOffset At,
    double OffsetMs,
    string Summary,
    int? CallNumber,
    string? Service,
    string? Operation,
    int? Attempt,
    string? Name,
    double? DurationMs,
    DateTimeOffset? DueAt,
    JsonElement? Payload,
    ErrorView? Error);
