using Approval;

namespace LambdaWorkflow.UnitTests.Samples;

public sealed class AcceleratedTimeProviderTests
{
    [Fact]
    public void ToReal_DayAtOneDayPerSecond_OneSecond()
    {
        var clock = new AcceleratedTimeProvider(86_400);

        Assert.Equal(TimeSpan.FromSeconds(1), clock.ToReal(TimeSpan.FromDays(1)));
    }

    [Fact]
    public void ToReal_ShortOrFractionalWaits_RoundedUpToWholeMillisecondsAndAtLeastTheMinimum()
    {
        var clock = new AcceleratedTimeProvider(1_000);

        Assert.Equal(TimeSpan.FromMilliseconds(4), clock.ToReal(TimeSpan.FromMilliseconds(3_001)));
        Assert.Equal(AcceleratedTimeProvider.MinimumRealWait, clock.ToReal(TimeSpan.FromMilliseconds(1)));
        Assert.Equal(TimeSpan.Zero, clock.ToReal(TimeSpan.Zero));
        Assert.Equal(Timeout.InfiniteTimeSpan, clock.ToReal(Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void Constructor_SpeedBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AcceleratedTimeProvider(0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AcceleratedTimeProvider(double.NaN));
    }

    [Fact]
    public async Task Delay_OneVirtualHour_AnHourPassesOnTheVirtualClock()
    {
        var clock = new AcceleratedTimeProvider(36_000, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var before = clock.GetUtcNow();
        var timestamp = clock.GetTimestamp();

        await Task.Delay(TimeSpan.FromHours(1), clock); // 0.1 s of real time

        // A system timer may wake a tick early: 16 ms of real time is ten virtual minutes at this speed.
        Assert.True(clock.GetUtcNow() - before >= TimeSpan.FromMinutes(50), $"only {clock.GetUtcNow() - before} passed");
        Assert.True(clock.GetElapsedTime(timestamp) >= TimeSpan.FromMinutes(50));
    }

    [Fact]
    public void GetUtcNow_StartsAtTheGivenStart()
    {
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

        var clock = new AcceleratedTimeProvider(86_400, start);

        Assert.InRange(clock.GetUtcNow(), start, start.AddDays(1)); // a day passes per real second; well under one has
    }
}
