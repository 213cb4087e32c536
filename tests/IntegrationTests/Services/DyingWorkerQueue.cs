using LambdaWorkflow.Aws.Worker;

namespace LambdaWorkflow.IntegrationTests.Services;

/// <summary>
/// A worker's SQS access that can be killed: from <see cref="KillAtNextSend"/>'s send on, every call hangs, as if the process froze
/// and died; nothing it would have deleted, extended or sent happens. <see cref="Bury"/> lets the hung calls fail so
/// the abandoned worker unwinds after the test.
/// </summary>
internal sealed class DyingWorkerQueue(ISqsWorkerQueue inner) : ISqsWorkerQueue, IDisposable
{
    private readonly CancellationTokenSource _burial = new();
    private volatile bool _dead;
    private volatile bool _dieAtNextSend;
    private int _hungSends;
    private int _hungDeletes;

    /// <summary>Sends (replies, dead letters) that never happened because the worker had died: their answers were recorded but not sent.</summary>
    public int HungSends => Volatile.Read(ref _hungSends);

    /// <summary>Deletes that never happened: replied but not deleted.</summary>
    public int HungDeletes => Volatile.Read(ref _hungDeletes);

    /// <summary>True once the worker is dead.</summary>
    public bool IsDead => _dead;

    /// <summary>
    /// Kills the worker at its next send: an answer recorded and about to be sent, so the death certainly lands between
    /// record and reply instead of wherever the worker happened to be.
    /// </summary>
    public void KillAtNextSend() => _dieAtNextSend = true;

    public void Bury() => _burial.Cancel();

    public void Dispose() => _burial.Dispose();

    public async Task<IReadOnlyList<SqsReceivedMessage>> ReceiveAsync(string queueUrl, int maxMessages, TimeSpan waitTime, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        await HangIfDeadAsync();
        var received = await inner.ReceiveAsync(queueUrl, maxMessages, waitTime, visibilityTimeout, cancellationToken);
        await HangIfDeadAsync();
        return received;
    }

    public async Task DeleteAsync(string queueUrl, string receiptHandle, CancellationToken cancellationToken)
    {
        if (_dead)
        {
            Interlocked.Increment(ref _hungDeletes);
        }

        await HangIfDeadAsync();
        await inner.DeleteAsync(queueUrl, receiptHandle, cancellationToken);
    }

    public async Task<IReadOnlyList<Exception?>> DeleteBatchAsync(string queueUrl, IReadOnlyList<string> receiptHandles, CancellationToken cancellationToken)
    {
        if (_dead)
        {
            Interlocked.Add(ref _hungDeletes, receiptHandles.Count);
        }

        await HangIfDeadAsync();
        return await inner.DeleteBatchAsync(queueUrl, receiptHandles, cancellationToken);
    }

    public async Task ChangeVisibilityAsync(string queueUrl, string receiptHandle, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        await HangIfDeadAsync();
        await inner.ChangeVisibilityAsync(queueUrl, receiptHandle, visibilityTimeout, cancellationToken);
    }

    public async Task SendAsync(string queueUrl, SqsOutgoing message, CancellationToken cancellationToken)
    {
        if (_dieAtNextSend)
        {
            _dead = true;
        }

        if (_dead)
        {
            Interlocked.Increment(ref _hungSends);
        }

        await HangIfDeadAsync();
        await inner.SendAsync(queueUrl, message, cancellationToken);
    }

    public async Task<IReadOnlyList<Exception?>> SendBatchAsync(string queueUrl, IReadOnlyList<SqsOutgoing> messages, CancellationToken cancellationToken)
    {
        if (_dieAtNextSend)
        {
            _dead = true;
        }

        if (_dead)
        {
            Interlocked.Add(ref _hungSends, messages.Count);
        }

        await HangIfDeadAsync();
        return await inner.SendBatchAsync(queueUrl, messages, cancellationToken);
    }

    public Task<string?> FindDeadLetterQueueUrlAsync(string queueUrl, CancellationToken cancellationToken) =>
        inner.FindDeadLetterQueueUrlAsync(queueUrl, cancellationToken);

    private Task HangIfDeadAsync() => _dead ? Task.Delay(Timeout.Infinite, _burial.Token) : Task.CompletedTask;
}
