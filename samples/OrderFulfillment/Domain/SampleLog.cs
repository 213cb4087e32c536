using Microsoft.Extensions.Logging;

namespace OrderFulfillment.Domain;

/// <summary>The sample's log lines; through the workflow context's logger they are written once, not on every replay.</summary>
internal static partial class SampleLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Order {OrderId} shipped as {TrackingNumber}")]
    public static partial void Shipped(ILogger logger, string orderId, string trackingNumber);
}
