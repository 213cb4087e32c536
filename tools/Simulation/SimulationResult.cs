namespace LambdaWorkflow.Simulation;

/// <summary>The figures of one or more simulated runs.</summary>
public sealed record SimulationResult
{
    public required int Workflows { get; init; }

    public required int Seeds { get; init; }

    public required IReadOnlyDictionary<string, int> Faults { get; init; }

    public required int Completed { get; init; }

    public required int Lost { get; init; }

    public required int Stuck { get; init; }

    public required int DuplicateSideEffects { get; init; }

    public required int MissingSideEffects { get; init; }

    public required int DeadLettered { get; init; }

    public required int Unaccounted { get; init; }

    public required long Steps { get; init; }

    public required double Seconds { get; init; }

    /// <summary>Seeds whose run broke an invariant; replay one with <c>--seed</c>.</summary>
    public required IReadOnlyList<int> FailingSeeds { get; init; }

    public bool Passed => Lost == 0 && Stuck == 0 && MissingSideEffects == 0 && Unaccounted == 0 && FailingSeeds.Count == 0;

    public static SimulationResult Combine(IReadOnlyList<SimulationResult> runs, double seconds) => new()
    {
        Workflows = runs.Sum(r => r.Workflows),
        Seeds = runs.Sum(r => r.Seeds),
        Faults = runs.SelectMany(r => r.Faults).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)),
        Completed = runs.Sum(r => r.Completed),
        Lost = runs.Sum(r => r.Lost),
        Stuck = runs.Sum(r => r.Stuck),
        DuplicateSideEffects = runs.Sum(r => r.DuplicateSideEffects),
        MissingSideEffects = runs.Sum(r => r.MissingSideEffects),
        DeadLettered = runs.Sum(r => r.DeadLettered),
        Unaccounted = runs.Sum(r => r.Unaccounted),
        Steps = runs.Sum(r => r.Steps),
        Seconds = seconds,
        FailingSeeds = [.. runs.SelectMany(r => r.FailingSeeds)],
    };
}
