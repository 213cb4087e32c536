using System.Collections.Concurrent;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.ServiceHost;

namespace LambdaWorkflow.UnitTests.ServiceHost;

/// <summary>Records every reply; throws instead when <see cref="Failure"/> says so.</summary>
internal sealed class RecordingReplySender : IReplySender
{
    private readonly ConcurrentQueue<(string ReplyTo, InboxMessage Reply)> _sent = new();

    /// <summary>Decides, per reply, the exception to throw instead of sending; null sends.</summary>
    public Func<InboxMessage, Exception?> Failure { get; set; } = _ => null;

    public IReadOnlyList<(string ReplyTo, InboxMessage Reply)> Sent => [.. _sent];

    public Task SendAsync(string replyTo, InboxMessage reply, CancellationToken cancellationToken = default)
    {
        if (Failure(reply) is { } exception)
        {
            throw exception;
        }

        _sent.Enqueue((replyTo, reply));
        return Task.CompletedTask;
    }

    public T Single<T>()
        where T : InboxMessage => Assert.IsType<T>(Assert.Single(Sent).Reply);
}
