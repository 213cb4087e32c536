namespace LambdaWorkflow.Emulators;

/// <summary>A request <see cref="AwsFaultInjector"/> holds back until enough later requests of its operation were answered.</summary>
internal sealed class HeldRequest(int releaseAfter, TimeSpan timeout)
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining = releaseAfter;
    private int _holding;

    /// <summary>True from the moment a request is held until it is released.</summary>
    public bool IsHolding => Volatile.Read(ref _holding) == 1 && !_released.Task.IsCompleted;

    /// <summary>Marks the request held: from now on, answers of the operation count towards its release.</summary>
    public void Start() => Volatile.Write(ref _holding, 1);

    /// <summary>Waits until released, or until the timeout passes.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _released.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Nobody overtook it: send it on anyway, and let the test see what then happens.
        }
    }

    /// <summary>Counts one overtaking request; the last one releases the hold.</summary>
    public void CountAnswered()
    {
        if (Interlocked.Decrement(ref _remaining) <= 0)
        {
            _released.TrySetResult();
        }
    }
}
