using System.Diagnostics;

namespace LambdaWorkflow.Contracts.Tracing;

/// <summary>
/// The W3C <c>traceparent</c> that messages carry in their bodies (<see cref="Messages.CallRequest.TraceParent"/>,
/// <see cref="Messages.InboxMessage.TraceParent"/>), so one trace spans orchestrator, EventBridge, the service queue,
/// the service and the inbox, whatever the transport.
/// </summary>
public static class TraceParent
{
    /// <summary>
    /// The context to put on an outgoing message: the current activity's when it has a W3C id, otherwise
    /// <paramref name="incoming"/>, so a hop that is not traced itself still passes its caller's context on.
    /// </summary>
    public static string? ForOutgoing(string? incoming = null) =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : incoming;

    /// <summary>
    /// Starts a consumer activity continuing <paramref name="traceParent"/>, or a new root when it is absent or not a
    /// valid <c>traceparent</c>. Returns null when nobody listens to <paramref name="source"/>, at the cost of one check.
    /// </summary>
    public static Activity? StartConsumer(ActivitySource source, string name, string? traceParent)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.HasListeners())
        {
            return null;
        }

        var parent = traceParent is not null && ActivityContext.TryParse(traceParent, traceState: null, isRemote: true, out var context)
            ? context
            : default;
        return source.StartActivity(name, ActivityKind.Consumer, parent);
    }
}
