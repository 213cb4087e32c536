using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;

namespace LambdaWorkflow.Emulators;

/// <summary>What the event source mappings of an <see cref="EmulatorEnvironment"/> have done so far. Thread-safe.</summary>
public sealed class EmulatorCounters
{
    private long _invocations;
    private long _invocationErrors;
    private long _inboxCompleted;
    private long _stepsApplied;
    private long _serviceCompleted;
    private long _redeliveries;
    private long _receiveErrors;
    private Exception? _lastError;

    /// <summary>Function invocations (one per non-empty batch).</summary>
    public long Invocations => Interlocked.Read(ref _invocations);

    /// <summary>Invocations that threw, failing their whole batch.</summary>
    public long InvocationErrors => Interlocked.Read(ref _invocationErrors);

    /// <summary>Inbox messages the orchestrator completed (deleted), dead-lettered ones included.</summary>
    public long InboxCompleted => Interlocked.Read(ref _inboxCompleted);

    /// <summary>Call results (CallCompleted, CallFailed) the orchestrator completed: the workflow steps taken.</summary>
    public long StepsApplied => Interlocked.Read(ref _stepsApplied);

    /// <summary>Service commands completed (deleted), dead-lettered ones included.</summary>
    public long ServiceCompleted => Interlocked.Read(ref _serviceCompleted);

    /// <summary>Records reported failed or in a failed invocation, left for redelivery.</summary>
    public long Redeliveries => Interlocked.Read(ref _redeliveries);

    /// <summary>Receives that failed (the poller retried them).</summary>
    public long ReceiveErrors => Interlocked.Read(ref _receiveErrors);

    /// <summary>The latest invocation or receive error, for diagnosing a stuck run.</summary>
    public Exception? LastError => Volatile.Read(ref _lastError);

    internal void ObserveInbox(PollResult result)
    {
        Observe(result);
        foreach (var message in result.Messages)
        {
            if (result.Failed.Contains(message.MessageId, StringComparer.Ordinal))
            {
                continue;
            }

            Interlocked.Increment(ref _inboxCompleted);
            if (TypeOf(message.Body) is InboxMessageTypes.CallCompleted or InboxMessageTypes.CallFailed)
            {
                Interlocked.Increment(ref _stepsApplied);
            }
        }
    }

    internal void ObserveService(PollResult result)
    {
        Observe(result);
        Interlocked.Add(ref _serviceCompleted, result.Deleted);
    }

    internal void ReceiveFailed(Exception error)
    {
        Interlocked.Increment(ref _receiveErrors);
        Volatile.Write(ref _lastError, error);
    }

    private void Observe(PollResult result)
    {
        Interlocked.Increment(ref _invocations);
        Interlocked.Add(ref _redeliveries, result.Failed.Count);
        if (result.InvocationError is { } error)
        {
            Interlocked.Increment(ref _invocationErrors);
            Volatile.Write(ref _lastError, error);
        }
    }

    private static string? TypeOf(string body)
    {
        try
        {
            return WireJson.ReadDiscriminator(System.Text.Encoding.UTF8.GetBytes(body), "type");
        }
        catch (MessageFormatException)
        {
            return null; // A malformed message: the orchestrator dead-lettered it, it was no step.
        }
    }
}
