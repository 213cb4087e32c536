namespace LambdaWorkflow.Local.Hosting;

/// <summary>A queue's depth at a moment, as <c>lwf queues</c> shows it.</summary>
/// <param name="Queue">The queue's name.</param>
/// <param name="Visible">Messages waiting to be received.</param>
/// <param name="InFlight">Messages received and not yet deleted.</param>
/// <param name="Delayed">Messages not yet visible.</param>
/// <param name="OldestMessageAge">Age of the oldest message.</param>
public sealed record QueueDepth(string Queue, int Visible, int InFlight, int Delayed, TimeSpan OldestMessageAge);
