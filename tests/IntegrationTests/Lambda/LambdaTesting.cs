using System.Globalization;
using System.Text.Json;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.Publishing;

namespace LambdaWorkflow.IntegrationTests.Lambda;

/// <summary>A one-call workflow for the entry point tests.</summary>
internal sealed class GreeterWorkflow : IWorkflow<string, string>
{
    public static readonly WorkflowDefinition<string, string> Definition = new("greeter");

    public static readonly ServiceOperation<string, string> Greet = new("greeter", "greet");

    public static WorkflowRegistry Registry() => new WorkflowRegistry().Add<GreeterWorkflow, string, string>(Definition);

    public static StartWorkflow Start(string instanceId, string name) => new()
    {
        InstanceId = instanceId,
        Workflow = Definition.Name,
        Input = JsonPayload.Parse(JsonSerializer.Serialize(name)),
    };

    public Task<string> RunAsync(WorkflowContext<string> context) => context.CallAsync(Greet, context.Request);
}

/// <summary>Records the commands the orchestrator publishes.</summary>
internal sealed class RecordingPublisher : ICommandPublisher
{
    private readonly List<CallRequest> _published = [];

    public IReadOnlyList<CallRequest> Published
    {
        get
        {
            lock (_published)
            {
                return [.. _published];
            }
        }
    }

    public Task PublishAsync(IReadOnlyList<CallRequest> commands, CancellationToken cancellationToken = default)
    {
        lock (_published)
        {
            _published.AddRange(commands);
        }

        return Task.CompletedTask;
    }
}

/// <summary>SQS events written by hand, in Lambda's exact field names, and handlers with scripted outcomes.</summary>
internal static class LambdaTesting
{
    public const string FifoArn = "arn:aws:sqs:us-east-1:123456789012:orders-inbox.fifo";
    public const string StandardArn = "arn:aws:sqs:us-east-1:123456789012:inventory";
    public const long SentTimestamp = 1767225600000; // 2026-01-01T00:00:00Z

    /// <summary>A record as Lambda writes it; <paramref name="group"/> adds the FIFO attributes.</summary>
    public static string Record(string messageId, string body, string? group = null, string arn = FifoArn, int receiveCount = 1, long sentTimestamp = SentTimestamp)
    {
        var fifo = group is null
            ? string.Empty
            : $$""","SequenceNumber":"18849496460467696128","MessageGroupId":{{Quote(group)}},"MessageDeduplicationId":"{{messageId}}-dedup" """;
        return $$"""
            {"messageId":{{Quote(messageId)}},"receiptHandle":"AQEB{{messageId}}","body":{{Quote(body)}},
             "attributes":{"ApproximateReceiveCount":"{{receiveCount.ToString(CultureInfo.InvariantCulture)}}","SentTimestamp":"{{sentTimestamp.ToString(CultureInfo.InvariantCulture)}}","SenderId":"AIDAIENQZJOLO23YVJ4VO","ApproximateFirstReceiveTimestamp":"1767225600100"{{fifo}}},
             "messageAttributes":{},"md5OfBody":"e4e68fb7bd0e697a0ae8f1bb342846b3","eventSource":"aws:sqs","eventSourceARN":{{Quote(arn)}},"awsRegion":"us-east-1"}
            """;
    }

    public static string Event(params string[] records) => $$"""{"Records":[{{string.Join(",", records)}}]}""";

    public static Stream Utf8(string json) => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));

    public static async Task<string> ReadAsync(Stream stream)
    {
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    /// <summary>A handler that completes every message except those named, which get the given outcome.</summary>
    public static Func<IReadOnlyList<QueueMessage>, CancellationToken, Task<IReadOnlyList<MessageOutcome>>> Scripted(
        IReadOnlyDictionary<string, MessageDisposition> outcomes, List<QueueMessage>? seen = null) =>
        (messages, _) =>
        {
            seen?.AddRange(messages);
            IReadOnlyList<MessageOutcome> result = [.. messages.Select(m => outcomes.GetValueOrDefault(m.MessageId, MessageDisposition.Completed) switch
            {
                MessageDisposition.Retry => MessageOutcome.Retry(m.MessageId, "scripted retry"),
                MessageDisposition.DeadLetter => MessageOutcome.DeadLetter(m.MessageId, "scripted dead letter"),
                _ => MessageOutcome.Completed(m.MessageId),
            })];
            return Task.FromResult(result);
        };

    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
