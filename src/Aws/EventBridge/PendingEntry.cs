using LambdaWorkflow.Contracts.Messages;

namespace LambdaWorkflow.Aws.EventBridge;

/// <summary>A command ready to send: its entry and the size EventBridge counts for it.</summary>
/// <param name="CallId">The command's call id, for errors and logs.</param>
/// <param name="Entry">The entry.</param>
/// <param name="Size">The entry's size, see <see cref="PutEventsRequestEntry.CalculateSize"/>.</param>
internal sealed record PendingEntry(string CallId, PutEventsRequestEntry Entry, int Size)
{
    /// <summary>The <c>CallRequested</c> entry of a command.</summary>
    public static PendingEntry ForCommand(CallRequest command, string source, string eventBusName)
    {
        var entry = new PutEventsRequestEntry
        {
            Source = source,
            DetailType = CallRequestedEvent.DetailTypeName,
            Detail = CallRequestedEvent.DetailToJson(command),
            EventBusName = eventBusName,
        };
        return new PendingEntry(command.CallId, entry, entry.CalculateSize());
    }
}
