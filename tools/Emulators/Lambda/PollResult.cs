using Amazon.SQS.Model;

namespace LambdaWorkflow.Emulators;

/// <summary>What one poll did.</summary>
/// <param name="Received">Messages received and passed to the function.</param>
/// <param name="Deleted">Messages deleted as completed.</param>
/// <param name="Failed">Ids left for redelivery.</param>
/// <param name="EventJson">The event the function got; null when nothing was received.</param>
/// <param name="ResponseJson">What the function returned; null when it threw or nothing was received.</param>
/// <param name="InvocationError">What the function threw, if anything.</param>
public sealed record PollResult(int Received, int Deleted, IReadOnlyList<string> Failed, string? EventJson, string? ResponseJson, Exception? InvocationError)
{
    /// <summary>A poll that received nothing.</summary>
    public static PollResult Empty { get; } = new(0, 0, [], null, null, null);

    /// <summary>The messages received, in batch order; empty when nothing was received.</summary>
    public IReadOnlyList<Message> Messages { get; init; } = [];
}
