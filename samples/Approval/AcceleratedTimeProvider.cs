using System.Diagnostics;

namespace Approval;

/// <summary>
/// A real clock that runs <see cref="Speed"/> times faster: <c>now = start + real elapsed × speed</c>, and a timer due in
/// <c>d</c> fires after <c>d / speed</c> of real time. With <c>speed = 86,400</c> a day passes in a second, so a
/// three-day timeout expires three seconds after it was set. Everything that takes this provider runs on the same
/// fast time: the runtime's durable timers and timer hops, queue delays and visibility timeouts, the service host's
/// retry delays, and the metadata timestamps.
/// </summary>
/// <remarks>
/// Unlike a fake clock nobody advances it: work still takes real time, which here is multiplied too (a 1 ms turn
/// costs 86 s of virtual time at one day per second). A timer wakes about <c>d / speed</c> later, give or take the
/// system timer's tick; the runtime compares with <see cref="GetUtcNow"/> when it wakes, so its durable timers and
/// queue delays never fire early. A short timer waits at least <see cref="MinimumRealWait"/> of real time, so that
/// one-second long polls (12 µs of real time at one day per second) do not spin the processor; at one day per second
/// that makes a short timer up to about three virtual minutes late.
/// </remarks>
public sealed class AcceleratedTimeProvider : TimeProvider
{
    /// <summary>The shortest real wait of a timer with a positive due time (2 ms).</summary>
    public static readonly TimeSpan MinimumRealWait = TimeSpan.FromMilliseconds(2);

    private readonly DateTimeOffset _start;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();

    /// <summary>Starts the clock at <paramref name="start"/> (default: the real time now).</summary>
    /// <param name="speed">Virtual seconds per real second; at least 1.</param>
    /// <param name="start">The virtual time at creation.</param>
    public AcceleratedTimeProvider(double speed, DateTimeOffset? start = null)
    {
        if (!(speed >= 1) || double.IsInfinity(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "The speed must be a finite number of at least 1.");
        }

        Speed = speed;
        _start = start ?? System.GetUtcNow();
    }

    /// <summary>Virtual seconds per real second.</summary>
    public double Speed { get; }

    /// <summary>The virtual time at creation.</summary>
    public DateTimeOffset Start => _start;

    /// <summary>UTC: virtual times have no local zone.</summary>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => Stopwatch.Frequency;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _start + TimeSpan.FromTicks((long)(RealElapsed().Ticks * Speed));

    /// <summary>Virtual timestamps, counted from creation; <see cref="TimeProvider.GetElapsedTime(long)"/> returns virtual time.</summary>
    public override long GetTimestamp() => (long)((Stopwatch.GetTimestamp() - _startTimestamp) * Speed);

    /// <summary>A real timer whose due time and period are this clock's, divided by <see cref="Speed"/>.</summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, ToReal(dueTime), ToReal(period)), this);

    /// <summary>
    /// The real wait for a virtual one: divided by the speed, rounded up to whole milliseconds (system timers truncate
    /// and would fire early), at least <see cref="MinimumRealWait"/>; zero and infinite waits stay as they are.
    /// </summary>
    public TimeSpan ToReal(TimeSpan virtualWait)
    {
        if (virtualWait <= TimeSpan.Zero || virtualWait == Timeout.InfiniteTimeSpan)
        {
            return virtualWait;
        }

        var milliseconds = Math.Ceiling(virtualWait.TotalMilliseconds / Speed);
        return TimeSpan.FromMilliseconds(Math.Max(milliseconds, MinimumRealWait.TotalMilliseconds));
    }

    private TimeSpan RealElapsed() => Stopwatch.GetElapsedTime(_startTimestamp);

    /// <summary>Keeps scaling when the owner changes the timer.</summary>
    private sealed class ScaledTimer(ITimer inner, AcceleratedTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.ToReal(dueTime), clock.ToReal(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
