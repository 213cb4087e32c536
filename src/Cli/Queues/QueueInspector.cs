using System.Globalization;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace LambdaWorkflow.Cli.Queues;

/// <summary>Reads the depth of a deployment's queues: one <c>GetQueueAttributes</c> per queue, and a peek where asked.</summary>
internal sealed class QueueInspector(IAmazonSQS sqs, TimeProvider timeProvider)
{
    private const string DeadLetterSuffix = "-dlq";
    private const string FifoSuffix = ".fifo";

    /// <summary>The queues whose names start with <paramref name="prefix"/>, or exactly <paramref name="urls"/> when given.</summary>
    public async Task<IReadOnlyList<QueueStatus>> InspectAsync(string prefix, IReadOnlyList<string> urls, AgeMode ageMode, CancellationToken cancellationToken)
    {
        var queueUrls = urls.Count > 0 ? urls : await ListAsync(prefix, cancellationToken).ConfigureAwait(false);
        var described = new List<(string Url, string Name, Dictionary<string, string> Attributes)>(queueUrls.Count);
        foreach (var url in queueUrls)
        {
            var response = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["All"] }, cancellationToken).ConfigureAwait(false);
            described.Add((url, NameOf(url), response.Attributes ?? []));
        }

        // Redrive policies say which queue is whose dead-letter queue, by ARN.
        var nameByArn = described.Where(q => q.Attributes.ContainsKey("QueueArn")).ToDictionary(q => q.Attributes["QueueArn"], q => q.Name, StringComparer.Ordinal);
        var deadLetterOf = described.ToDictionary(q => q.Name, q => DeadLetterTarget(q.Attributes) is { } arn ? nameByArn.GetValueOrDefault(arn) ?? NameFromArn(arn) : null, StringComparer.Ordinal);
        var statuses = new List<QueueStatus>(described.Count);
        foreach (var (url, name, attributes) in described.OrderBy(q => q.Name, StringComparer.Ordinal))
        {
            var sources = deadLetterOf.Where(pair => pair.Value == name).Select(pair => pair.Key).Order(StringComparer.Ordinal).ToList();
            var isDeadLetter = sources.Count > 0 || IsDeadLetterName(name);
            var kind = isDeadLetter ? QueueKinds.DeadLetter : name.EndsWith(FifoSuffix, StringComparison.Ordinal) ? QueueKinds.Inbox : QueueKinds.Service;
            var visible = Number(attributes, "ApproximateNumberOfMessages");
            var peek = visible > 0 && (ageMode == AgeMode.All || (ageMode == AgeMode.Dlq && isDeadLetter));
            var age = peek ? await OldestAgeAsync(url, cancellationToken).ConfigureAwait(false) : null;
            statuses.Add(new QueueStatus(
                name,
                url,
                kind,
                deadLetterOf[name],
                sources,
                visible,
                Number(attributes, "ApproximateNumberOfMessagesNotVisible"),
                Number(attributes, "ApproximateNumberOfMessagesDelayed"),
                age,
                peek ? "peek" : "none"));
        }

        return statuses;
    }

    private static bool IsDeadLetterName(string name)
    {
        var bare = name.EndsWith(FifoSuffix, StringComparison.Ordinal) ? name[..^FifoSuffix.Length] : name;
        return bare.EndsWith(DeadLetterSuffix, StringComparison.Ordinal);
    }

    private static string NameOf(string url) => url.TrimEnd('/')[(url.TrimEnd('/').LastIndexOf('/') + 1)..];

    private static string NameFromArn(string arn) => arn[(arn.LastIndexOf(':') + 1)..];

    private static long Number(Dictionary<string, string> attributes, string name) =>
        attributes.TryGetValue(name, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static string? DeadLetterTarget(Dictionary<string, string> attributes)
    {
        if (!attributes.TryGetValue("RedrivePolicy", out var policy) || string.IsNullOrWhiteSpace(policy))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(policy);
            return document.RootElement.TryGetProperty("deadLetterTargetArn", out var arn) ? arn.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<List<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var urls = new List<string>();
        string? next = null;
        do
        {
            var page = await sqs.ListQueuesAsync(
                new ListQueuesRequest { QueueNamePrefix = prefix.Length > 0 ? prefix : null, NextToken = next, MaxResults = 1000 },
                cancellationToken).ConfigureAwait(false);
            urls.AddRange(page.QueueUrls ?? []);
            next = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (next is not null);

        return urls;
    }

    /// <summary>
    /// Receives up to ten messages without hiding them (visibility timeout 0) and reads their send time. A sample, not
    /// the whole queue: the age is at least this old.
    /// </summary>
    private async Task<double?> OldestAgeAsync(string url, CancellationToken cancellationToken)
    {
        var response = await sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest
            {
                QueueUrl = url,
                MaxNumberOfMessages = 10,
                VisibilityTimeout = 0,
                WaitTimeSeconds = 0,
                MessageSystemAttributeNames = ["SentTimestamp"],
            },
            cancellationToken).ConfigureAwait(false);
        var messages = response.Messages ?? [];
        if (messages.Count > 0)
        {
            // Visible again at once, explicitly: not every SQS implementation honours a zero visibility timeout on receive.
            await sqs.ChangeMessageVisibilityBatchAsync(
                new ChangeMessageVisibilityBatchRequest
                {
                    QueueUrl = url,
                    Entries = [.. messages.Select((m, i) => new ChangeMessageVisibilityBatchRequestEntry { Id = "m" + i.ToString(CultureInfo.InvariantCulture), ReceiptHandle = m.ReceiptHandle, VisibilityTimeout = 0 })],
                },
                cancellationToken).ConfigureAwait(false);
        }

        var sent = messages
            .Select(m => m.Attributes?.GetValueOrDefault("SentTimestamp"))
            .Select(t => long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : (long?)null)
            .Where(ms => ms is not null)
            .ToList();
        if (sent.Count == 0)
        {
            return null;
        }

        var age = timeProvider.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(sent.Min()!.Value);
        return Math.Max(0, Math.Round(age.TotalSeconds, 1));
    }
}
