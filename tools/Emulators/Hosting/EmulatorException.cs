namespace LambdaWorkflow.Emulators;

/// <summary>The emulators could not be installed, started or reached; the message says what is missing.</summary>
public sealed class EmulatorException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public EmulatorException()
        : base("The AWS emulators are unavailable.")
    {
    }

    /// <summary>Creates the exception with a message naming what failed.</summary>
    public EmulatorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public EmulatorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
