using System.Globalization;

namespace LambdaWorkflow.Aws.EventBridge;

/// <summary>
/// A command's entry is larger than one <c>PutEvents</c> request may carry, so it can never be published as is.
/// Raised before anything of the publish call is sent.
/// </summary>
public sealed class EventBridgeEntryTooLargeException : EventBridgeException
{
    /// <summary>Creates the error for one command.</summary>
    /// <param name="callId">The command's call id.</param>
    /// <param name="sizeBytes">The entry's size as EventBridge counts it.</param>
    /// <param name="limitBytes">The limit it exceeds.</param>
    public EventBridgeEntryTooLargeException(string callId, int sizeBytes, int limitBytes)
        : base(PutEventsOperation,
            string.Create(CultureInfo.InvariantCulture,
                $"Command {callId} is {sizeBytes} bytes as an EventBridge entry, over the {limitBytes}-byte limit of a PutEvents request; make its payload smaller."),
            statusCode: null, errorCode: null, errorMessage: null, requestId: null, isTransportError: false, innerException: null)
    {
        CallId = callId;
        SizeBytes = sizeBytes;
        LimitBytes = limitBytes;
    }

    /// <summary>Creates the error with a message only.</summary>
    public EventBridgeEntryTooLargeException()
        : this("An EventBridge entry is too large.")
    {
    }

    /// <summary>Creates the error with a message only.</summary>
    public EventBridgeEntryTooLargeException(string message)
        : base(message)
    {
        CallId = string.Empty;
    }

    /// <summary>Creates the error with a message and its cause.</summary>
    public EventBridgeEntryTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
        CallId = string.Empty;
    }

    /// <summary>The call id of the command that is too large.</summary>
    public string CallId { get; }

    /// <summary>The entry's size as EventBridge counts it (see <see cref="PutEventsRequestEntry.CalculateSize"/>).</summary>
    public int SizeBytes { get; }

    /// <summary>The limit the entry exceeds.</summary>
    public int LimitBytes { get; }
}
