using LambdaWorkflow.Simulation;

namespace LambdaWorkflow.UnitTests.Simulation;

/// <summary>A few seeds of the fault simulation on every CI run; <c>tools/Simulation</c> runs many more.</summary>
public sealed class FaultSimulationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RunSeed_FaultsAtEveryStepBoundary_NothingLostStuckOrUnaccounted(int seed)
    {
        var result = SimulationRunner.RunSeed(seed, workflows: 300, faultRate: 0.08);

        Assert.True(result.Passed, $"seed {seed} broke an invariant: lost {result.Lost}, stuck {result.Stuck}, unaccounted {result.Unaccounted}, missing effects {result.MissingSideEffects}");
        Assert.Equal(300, result.Completed);
        Assert.All(Enum.GetNames<FaultKind>(), kind => Assert.True(result.Faults[kind] > 0, $"no {kind} fault was injected"));
        Assert.Equal(0, result.DeadLettered);
        Assert.Equal(0, result.DuplicateSideEffects);
    }

    [Fact]
    public void RunSeed_ServicesWithoutIdempotencyStore_SideEffectsAreAtLeastOnceAndDuplicatesAreSeen()
    {
        var result = SimulationRunner.RunSeed(4, workflows: 200, faultRate: 0.08, idempotent: false);

        Assert.True(result.Passed);
        Assert.True(result.DuplicateSideEffects > 0, "crashes and duplicates must show up as repeated side effects without the store");
        Assert.Equal(0, result.MissingSideEffects);
    }

    [Fact]
    public void RunSeed_SameSeedTwice_SameFigures()
    {
        var first = SimulationRunner.RunSeed(11, workflows: 150, faultRate: 0.1);
        var second = SimulationRunner.RunSeed(11, workflows: 150, faultRate: 0.1);

        Assert.Equal(first.Faults, second.Faults);
        Assert.Equal(first.Steps, second.Steps);
        Assert.Equal(first.DuplicateSideEffects, second.DuplicateSideEffects);
    }

    [Fact]
    public void RunSeed_TransportThatLosesMessages_IsCaughtAsLostOrStuck()
    {
        var result = SimulationRunner.RunSeed(5, workflows: 100, faultRate: 0, dropRate: 0.05);

        Assert.False(result.Passed);
        Assert.True(result.Lost + result.Stuck > 0);
        Assert.Equal([5], result.FailingSeeds);
    }
}
