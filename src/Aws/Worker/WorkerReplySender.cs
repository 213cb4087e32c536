using System.Collections.Concurrent;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.ServiceHost;

namespace LambdaWorkflow.Aws.Worker;

/// <summary>
/// A minimal SQS reply sender for the worker: the reply's JSON to the <c>replyTo</c> queue URL, with the instance as
/// message group and the reply's deduplication id when the queue is FIFO. <c>src/Aws/Sqs</c> has the full one
/// (size checks, retries); register it as <see cref="IReplySender"/> and the worker uses it instead. Replies that
/// the worker's concurrent handlers send to one queue at the same time are group-committed into batch requests.
/// </summary>
internal sealed class WorkerReplySender(ISqsWorkerQueue queue) : IReplySender
{
    private readonly ConcurrentDictionary<string, GroupCommit<SqsOutgoing>> _byQueue = new(StringComparer.Ordinal);

    public Task SendAsync(string replyTo, InboxMessage reply, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(replyTo);
        ArgumentNullException.ThrowIfNull(reply);
        var fifo = replyTo.EndsWith(".fifo", StringComparison.Ordinal);
        var message = new SqsOutgoing(InboxMessageReader.ToJson(reply), GroupId: fifo ? reply.InstanceId : null, DeduplicationId: fifo ? reply.DeduplicationId : null);
        var commit = _byQueue.GetOrAdd(replyTo, url => new GroupCommit<SqsOutgoing>(batch => SendGroupAsync(url, batch)));
        return commit.SubmitAsync(message, cancellationToken);
    }

    private async Task<IReadOnlyList<Exception?>> SendGroupAsync(string queueUrl, IReadOnlyList<SqsOutgoing> messages)
    {
        // A batch request is limited in total bytes as a message is: split there, and let a lone message go plainly.
        var results = new Exception?[messages.Count];
        var offset = 0;
        foreach (var batch in SqsSender.Batches(messages, SizeOf, SqsAdapterOptions.DefaultMaxBytes))
        {
            if (batch.Count == 1)
            {
                try
                {
                    await queue.SendAsync(queueUrl, batch[0], CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    results[offset] = ex;
                }
            }
            else
            {
                var sent = await queue.SendBatchAsync(queueUrl, batch, CancellationToken.None).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    results[offset + i] = sent[i];
                }
            }

            offset += batch.Count;
        }

        return results;
    }

    private static int SizeOf(SqsOutgoing message) => SqsMessageSize.Of(message.Body, message.Attributes);
}
