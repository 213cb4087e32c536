using System.Text.Json.Serialization;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.Publishing;

namespace LambdaWorkflow.ColdStart;

/// <summary>A workflow that makes one call: the first message runs a full turn (load, run, persist, publish).</summary>
internal sealed class NoopWorkflow : IWorkflow<string, string>
{
    public static readonly WorkflowDefinition<string, string> Definition = new("noop", ColdStartJson.Default.String, ColdStartJson.Default.String);

    private static readonly ServiceOperation<string, string> Echo = new("echo", "echo", ColdStartJson.Default.String, ColdStartJson.Default.String);

    public Task<string> RunAsync(WorkflowContext<string> context) => context.CallAsync(Echo, context.Request);

    /// <summary>Lambda's SQS event with one StartWorkflow record.</summary>
    public static string SqsEvent()
    {
        var body = InboxMessageReader.ToJson(new StartWorkflow { InstanceId = "cold-1", Workflow = Definition.Name, Input = JsonPayload.From("hello", ColdStartJson.Default.String) });
        var quoted = System.Text.Json.JsonSerializer.Serialize(body, ColdStartJson.Default.String);
        var sent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return $$"""{"Records":[{"messageId":"m-1","receiptHandle":"r-1","body":{{quoted}},"attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"{{sent}}","MessageGroupId":"cold-1"},"messageAttributes":{},"eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:000000000000:inbox.fifo","awsRegion":"us-east-1"}]}""";
    }
}

/// <summary>Publishes nowhere: the cold start is the orchestrator's, not EventBridge's.</summary>
internal sealed class DiscardingPublisher : ICommandPublisher
{
    public Task PublishAsync(IReadOnlyList<CallRequest> commands, CancellationToken cancellationToken = default) => Task.CompletedTask;
}

[JsonSerializable(typeof(string))]
internal sealed partial class ColdStartJson : JsonSerializerContext;
