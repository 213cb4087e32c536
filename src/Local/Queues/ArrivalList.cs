namespace LambdaWorkflow.Local.Queues;

/// <summary>The messages of a queue in the order they entered it, so the oldest is found in O(1).</summary>
internal sealed class ArrivalList
{
    private StoredMessage? _newest;

    public StoredMessage? Oldest { get; private set; }

    public void Add(StoredMessage message)
    {
        message.OlderArrival = _newest;
        message.NewerArrival = null;
        if (_newest is null)
        {
            Oldest = message;
        }
        else
        {
            _newest.NewerArrival = message;
        }

        _newest = message;
    }

    public void Remove(StoredMessage message)
    {
        if (message.OlderArrival is null)
        {
            Oldest = message.NewerArrival;
        }
        else
        {
            message.OlderArrival.NewerArrival = message.NewerArrival;
        }

        if (message.NewerArrival is null)
        {
            _newest = message.OlderArrival;
        }
        else
        {
            message.NewerArrival.OlderArrival = message.OlderArrival;
        }

        message.OlderArrival = null;
        message.NewerArrival = null;
    }
}
