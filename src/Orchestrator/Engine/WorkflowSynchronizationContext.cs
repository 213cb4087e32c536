namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>
/// The deterministic single-threaded scheduler: continuations of workflow code queue here and run on the thread
/// that drives the turn. Work posted from any other thread means the workflow awaited something that is not a
/// context operation; it is recorded (and dropped) so the engine can report it instead of hanging.
/// </summary>
internal sealed class WorkflowSynchronizationContext : SynchronizationContext
{
    private Queue<(SendOrPostCallback Callback, object? State)>? _queue; // lazy; dropped between turns
    private Thread? _owner;
    private string? _foreignWork;

    /// <summary>Set when work arrived from another thread: a non-context await.</summary>
    public string? ForeignWork => Volatile.Read(ref _foreignWork);

    public override void Post(SendOrPostCallback d, object? state)
    {
        if (!ReferenceEquals(Thread.CurrentThread, _owner))
        {
            Interlocked.CompareExchange(
                ref _foreignWork,
                $"a continuation was scheduled from thread {Environment.CurrentManagedThreadId} outside the workflow's turn",
                null);
            return;
        }

        (_queue ??= new()).Enqueue((d, state));
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Workflows run on a single-threaded scheduler; synchronous Send is not supported.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs queued work until none is left.</summary>
    public void Drain()
    {
        while (_queue is not null && _queue.TryDequeue(out var item))
        {
            item.Callback(item.State);
        }
    }

    /// <summary>Makes this the current context on the calling thread until the scope is disposed.</summary>
    public Scope Enter()
    {
        var previous = Current;
        _owner = Thread.CurrentThread;
        SetSynchronizationContext(this);
        return new Scope(this, previous);
    }

    internal readonly struct Scope(WorkflowSynchronizationContext context, SynchronizationContext? previous) : IDisposable
    {
        public void Dispose()
        {
            context._owner = null;
            SetSynchronizationContext(previous);

            // Between turns the queue is empty; a suspended execution need not keep it.
            if (context._queue is { Count: 0 })
            {
                context._queue = null;
            }
        }
    }
}
