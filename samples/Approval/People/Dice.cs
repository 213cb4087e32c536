namespace Approval.People;

/// <summary>
/// Seeded draws that depend only on (seed, expense, purpose): the same seed gives the same people whatever order the
/// runtime happens to run things in. SplitMix64 over the three numbers.
/// </summary>
internal static class Dice
{
    /// <summary>A uniform number in [0, 1).</summary>
    public static double Uniform(int seed, int index, int purpose)
    {
        var x = Mix(Mix(Mix((ulong)(uint)seed) ^ (ulong)(uint)index) ^ (ulong)(uint)purpose);
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A uniform number in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static double Between(int seed, int index, int purpose, double min, double max) =>
        min + (Uniform(seed, index, purpose) * (max - min));

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
