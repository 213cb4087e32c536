using System.Net;

namespace LambdaWorkflow.Emulators;

/// <summary>An error answer <see cref="AwsFaultInjector"/> gives to the next requests of an operation.</summary>
internal sealed record WireFault(string Operation, HttpStatusCode Status, string ErrorType, string Message)
{
    /// <summary>How many more requests get this answer.</summary>
    public int Remaining { get; set; }
}
