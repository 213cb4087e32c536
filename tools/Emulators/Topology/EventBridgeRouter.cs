using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.SQS;
using LambdaWorkflow.Local.Routing;

namespace LambdaWorkflow.Emulators;

/// <summary>
/// What EventBridge does with an accepted entry: wraps it in the event envelope, matches the bus's rules with the
/// project's pattern matcher, and sends the whole event as the message body to each matching rule's SQS queue (a
/// rule's target is a queue URL), through the real SQS client. An event no rule matches goes to the unrouted queue,
/// where AWS would drop it, so that a test sees it instead of losing it.
/// </summary>
public sealed class EventBridgeRouter(RuleSet rules, IAmazonSQS sqs, string unroutedQueueUrl, string account, string region)
{
    private long _delivered;
    private long _unrouted;

    /// <summary>Messages sent to rule targets so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Events that matched no rule so far.</summary>
    public long Unrouted => Interlocked.Read(ref _unrouted);

    /// <summary>Delivers one accepted entry; plug into <see cref="LocalEventBridgeOptions.Delivery"/>.</summary>
    /// <exception cref="AmazonSQSException">A send failed; the endpoint then fails the entry with InternalFailure.</exception>
    public async Task DeliverAsync(PutEventsEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var body = Envelope(entry, account, region);
        var matches = rules.Match(body);
        if (matches.Count == 0)
        {
            await sqs.SendMessageAsync(unroutedQueueUrl, body).ConfigureAwait(false);
            Interlocked.Increment(ref _unrouted);
            return;
        }

        foreach (var rule in matches)
        {
            await sqs.SendMessageAsync(rule.Target, body).ConfigureAwait(false);
            Interlocked.Increment(ref _delivered);
        }
    }

    /// <summary>The event as EventBridge delivers it to a target: the entry's fields under their event names, the detail as JSON.</summary>
    internal static string Envelope(PutEventsEntry entry, string account, string region)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "0");
            json.WriteString("id", entry.EventId ?? Guid.NewGuid().ToString());
            json.WriteString("detail-type", entry.DetailType);
            json.WriteString("source", entry.Source);
            json.WriteString("account", account);
            json.WriteString("time", (entry.Time ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteString("region", region);
            json.WriteStartArray("resources");
            foreach (var resource in entry.Resources)
            {
                json.WriteStringValue(resource);
            }

            json.WriteEndArray();
            json.WritePropertyName("detail");
            json.WriteRawValue(entry.Detail ?? "{}");
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
