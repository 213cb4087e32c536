namespace LambdaWorkflow.UnitTests.BadInput;

/// <summary>
/// A type that hostile JSON names in <c>$type</c> or <c>__type</c> hints. Loading, initializing or constructing it
/// counts in <see cref="TripwireLog"/>: a deserializer that honours such hints would trip it.
/// </summary>
internal sealed class Tripwire
{
    public const string AssemblyQualifiedName = "LambdaWorkflow.UnitTests.BadInput.Tripwire, LambdaWorkflow.UnitTests";

    private string? _command;

    static Tripwire() => TripwireLog.Touch();

    public Tripwire() => TripwireLog.Touch();

    public string? Command
    {
        get => _command;
        set
        {
            TripwireLog.Touch();
            _command = value;
        }
    }
}

/// <summary>Counts every touch of <see cref="Tripwire"/>; kept apart so reading it does not initialize the tripwire.</summary>
internal static class TripwireLog
{
    private static int _touches;

    public static int Touches => Volatile.Read(ref _touches);

    public static void Touch() => Interlocked.Increment(ref _touches);
}
