using System.Collections.Concurrent;
using System.Text;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Contracts.Transport;

namespace LambdaWorkflow.UnitTests.BadInput;

/// <summary>A dead-letter queue in memory: what the batch processor set aside, with its reason.</summary>
internal sealed class RecordingDeadLetterSink : IDeadLetterSink
{
    private readonly ConcurrentQueue<(string MessageId, string Body, string Reason, string? SourceQueue)> _letters = new();

    public IReadOnlyList<(string MessageId, string Body, string Reason, string? SourceQueue)> Letters => [.. _letters];

    public Task SendAsync(QueueMessage message, string reason, string? sourceQueue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        _letters.Enqueue((message.MessageId, Encoding.UTF8.GetString(message.Body.Span), reason, sourceQueue));
        return Task.CompletedTask;
    }
}
