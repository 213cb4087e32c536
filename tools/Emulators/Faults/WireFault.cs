using System.Net;

namespace LambdaWorkflow.Emulators;

/// <summary>
/// What <see cref="AwsFaultInjector"/> does to the next requests of an operation: answer with an AWS error (when
/// <paramref name="ErrorType"/> is set), or hold the request back (<see cref="Hold"/>) and then send it on.
/// </summary>
internal sealed record WireFault(string Operation, HttpStatusCode Status, string? ErrorType, string Message)
{
    /// <summary>How many more requests this applies to.</summary>
    public int Remaining { get; set; }

    /// <summary>Requests of the operation to let through unchanged first.</summary>
    public int Skip { get; set; }

    /// <summary>The hold of a request held back; null for an error answer.</summary>
    public HeldRequest? Hold { get; init; }
}
