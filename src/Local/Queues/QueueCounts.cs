namespace LambdaWorkflow.Local.Queues;

/// <summary>A snapshot of a queue's depth, like the SQS <c>ApproximateNumberOfMessages*</c> attributes.</summary>
/// <param name="Visible">Messages waiting to be received (on a FIFO queue, also those behind a group in flight).</param>
/// <param name="InFlight">Messages received and neither deleted nor visible again.</param>
/// <param name="Delayed">Messages sent with a delay that has not passed yet.</param>
/// <param name="OldestMessageAge">
/// How long the longest-waiting message has been in this queue (for a message moved to a dead-letter queue,
/// since the move); zero when the queue is empty.
/// </param>
public readonly record struct QueueCounts(int Visible, int InFlight, int Delayed, TimeSpan OldestMessageAge);
