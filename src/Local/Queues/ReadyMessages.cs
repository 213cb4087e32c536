namespace LambdaWorkflow.Local.Queues;

/// <summary>
/// The visible messages of a queue and the policy that picks the next one to deliver: any order for a
/// standard queue, per-group order with group locking for a FIFO queue. Called only under the queue's lock.
/// Methods returning <see langword="bool"/> tell whether a receive that found nothing could now find something,
/// so the queue knows to wake one long-polling receiver.
/// </summary>
internal abstract class ReadyMessages
{
    /// <summary>A message entered the queue visible, or its delay passed.</summary>
    public abstract bool Add(StoredMessage message);

    /// <summary>An in-flight message became visible again (its visibility timeout passed or was set to zero).</summary>
    public abstract bool Release(StoredMessage message);

    /// <summary>
    /// The next message to deliver in the current receive, or <see langword="null"/>. The caller then either
    /// reports it <see cref="Received"/> or removes it (redrive); <see cref="EndReceive"/> closes the receive.
    /// </summary>
    public abstract StoredMessage? TakeNext();

    /// <summary>The message last taken was delivered and is now in flight.</summary>
    public abstract void Received(StoredMessage message);

    /// <summary>A visible or in-flight message left the queue (deleted or moved to the dead-letter queue).</summary>
    public abstract bool Remove(StoredMessage message, bool wasInFlight);

    /// <summary>Closes the receive that <see cref="TakeNext"/> calls belonged to.</summary>
    public abstract bool EndReceive();
}
