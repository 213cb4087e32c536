using LambdaWorkflow.Local.Hosting;

namespace LambdaWorkflow.UnitTests.EndToEnd;

/// <summary>
/// The runtime counts a step after the turn that applied it has committed, so a client can see an instance finish a
/// moment before the count catches up: tests wait for the count, then check it.
/// </summary>
internal static class StepCounterWait
{
    /// <summary>The applied-step count once it reaches <paramref name="expected"/> (or after 10 s), a little later.</summary>
    public static async Task<long> StepsAppliedAtLeastAsync(this RuntimeCounters counters, long expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (counters.StepsApplied < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(2);
        }

        await Task.Delay(20); // a step counted twice would show by now
        return counters.StepsApplied;
    }
}
