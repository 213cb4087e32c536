namespace LambdaWorkflow.Cli.DeadLetters;

/// <summary>What <c>lwf dlq redrive</c> did, or would do with <c>--dry-run</c>, with one dead letter.</summary>
/// <param name="MessageId">Its id in the dead-letter queue.</param>
/// <param name="Kind">What it is, as in <see cref="DeadLetterView.Kind"/>.</param>
/// <param name="Target">The queue URL it goes back to; null when none is known.</param>
/// <param name="GroupId">The FIFO group it is sent with, if the target is FIFO.</param>
/// <param name="Action"><c>moved</c>, <c>would-move</c> (dry run), or <c>skipped</c> (see <paramref name="Error"/>).</param>
/// <param name="Error">Why it was not moved.</param>
public sealed record RedriveResult(string MessageId, string Kind, string? Target, string? GroupId, string Action, string? Error = null);
