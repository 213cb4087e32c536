using System.Collections.Concurrent;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.ServiceHost;

namespace LambdaWorkflow.UnitTests.ServiceHost;

/// <summary>Records single sends and batch sends apart; fails the replies <see cref="Failure"/> names.</summary>
internal sealed class RecordingBatchReplySender : IBatchReplySender
{
    private readonly ConcurrentQueue<InboxMessage> _single = new();
    private readonly ConcurrentQueue<IReadOnlyList<OutgoingReply>> _batches = new();

    /// <summary>Decides, per reply, the failure to report instead of sending; null sends.</summary>
    public Func<InboxMessage, Exception?> Failure { get; set; } = _ => null;

    /// <summary>When set, the whole batch send throws it.</summary>
    public Exception? BatchException { get; set; }

    /// <summary>When set, the batch send returns this many results whatever it was given.</summary>
    public int? ResultCount { get; set; }

    public IReadOnlyList<InboxMessage> Single => [.. _single];

    public IReadOnlyList<IReadOnlyList<OutgoingReply>> Batches => [.. _batches];

    /// <summary>Replies that were sent, one way or the other.</summary>
    public IReadOnlyList<InboxMessage> Delivered { get; private set; } = [];

    public Task SendAsync(string replyTo, InboxMessage reply, CancellationToken cancellationToken = default)
    {
        if (Failure(reply) is { } exception)
        {
            throw exception;
        }

        _single.Enqueue(reply);
        Delivered = [.. Delivered, reply];
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Exception?>> SendBatchAsync(IReadOnlyList<OutgoingReply> replies, CancellationToken cancellationToken = default)
    {
        _batches.Enqueue(replies);
        if (BatchException is { } thrown)
        {
            throw thrown;
        }

        var results = replies.Select(r => Failure(r.Reply)).ToList();
        Delivered = [.. Delivered, .. replies.Where((_, i) => results[i] is null).Select(r => r.Reply)];
        IReadOnlyList<Exception?> answer = ResultCount is { } count ? [.. results.Take(count)] : results;
        return Task.FromResult(answer);
    }
}
