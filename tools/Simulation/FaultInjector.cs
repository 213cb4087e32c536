namespace LambdaWorkflow.Simulation;

/// <summary>Seeded decisions of where to inject which fault, and their count; the same seed makes the same decisions.</summary>
public sealed class FaultInjector(int seed, double rate)
{
    private readonly Random _random = new(seed);
    private readonly Dictionary<FaultKind, int> _counts = Enum.GetValues<FaultKind>().ToDictionary(k => k, _ => 0);

    /// <summary>Faults injected so far, by kind.</summary>
    public IReadOnlyDictionary<FaultKind, int> Counts => _counts;

    /// <summary>Total faults injected.</summary>
    public int Total => _counts.Values.Sum();

    /// <summary>The simulation's random source, for choices that are not faults (which queue, batch size).</summary>
    public Random Random => _random;

    /// <summary>True (and counted) when the fault strikes at this point; <paramref name="weight"/> scales the base rate.</summary>
    public bool Strikes(FaultKind kind, double weight = 1.0)
    {
        if (_random.NextDouble() >= rate * weight)
        {
            return false;
        }

        _counts[kind]++;
        return true;
    }
}
