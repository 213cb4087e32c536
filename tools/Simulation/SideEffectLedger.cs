namespace LambdaWorkflow.Simulation;

/// <summary>Counts each service side effect by call id, to check the effect-once and at-least-once invariants.</summary>
public sealed class SideEffectLedger
{
    private readonly Dictionary<string, int> _effects = new(StringComparer.Ordinal);

    public void Record(string callId) => _effects[callId] = _effects.GetValueOrDefault(callId) + 1;

    /// <summary>Calls whose side effect ran more than once.</summary>
    public int Duplicated => _effects.Values.Count(n => n > 1);

    /// <summary>Distinct calls whose side effect ran.</summary>
    public int Calls => _effects.Count;
}
