namespace LambdaWorkflow.Simulation;

/// <summary>Thrown where the simulation kills a process: everything after this point of the step does not happen.</summary>
public sealed class SimulatedCrashException(string where) : Exception("simulated crash " + where)
{
    public SimulatedCrashException()
        : this("somewhere")
    {
    }

    public SimulatedCrashException(string message, Exception innerException)
        : this(message + ": " + innerException?.Message)
    {
    }
}
