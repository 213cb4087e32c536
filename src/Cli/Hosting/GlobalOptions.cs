using System.CommandLine;
using LambdaWorkflow.Cli.Output;

namespace LambdaWorkflow.Cli.Hosting;

/// <summary>The options every command takes: output format, where AWS is, and where the state is.</summary>
internal sealed class GlobalOptions
{
    public Option<OutputFormat> Output { get; } = new("--output", "-o")
    {
        Description = "table for people, json for scripts (one JSON document; with --watch one per refresh).",
        DefaultValueFactory = _ => OutputFormat.Table,
        Recursive = true,
    };

    public Option<string?> EndpointUrl { get; } = new("--endpoint-url")
    {
        Description = "Send every AWS call here instead of AWS, such as a local emulator. Env: LWF_ENDPOINT_URL.",
        Recursive = true,
    };

    public Option<string?> SqsEndpointUrl { get; } = new("--sqs-endpoint-url")
    {
        Description = "SQS endpoint, overriding --endpoint-url (emulators listen on a port each). Env: LWF_ENDPOINT_URL_SQS.",
        Recursive = true,
    };

    public Option<string?> DynamoDbEndpointUrl { get; } = new("--dynamodb-endpoint-url")
    {
        Description = "DynamoDB endpoint, overriding --endpoint-url. Env: LWF_ENDPOINT_URL_DYNAMODB.",
        Recursive = true,
    };

    public Option<string?> Region { get; } = new("--region")
    {
        Description = "AWS region. Env: AWS_REGION; otherwise the SDK's profile and defaults.",
        Recursive = true,
    };

    public Option<string?> Database { get; } = new("--db")
    {
        Description = "Read workflow state from the embedded runtime's SQLite file instead of DynamoDB.",
        Recursive = true,
    };

    public Option<string?> Table { get; } = new("--table")
    {
        Description = "The DynamoDB state table. Env: LWF_TABLE_NAME.",
        Recursive = true,
    };

    public Option<string?> Inbox { get; } = new("--inbox")
    {
        Description = "The inbox queue URL (FIFO) that start, signal and cancel send to. Env: LWF_INBOX_QUEUE_URL.",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Output);
        root.Options.Add(EndpointUrl);
        root.Options.Add(SqsEndpointUrl);
        root.Options.Add(DynamoDbEndpointUrl);
        root.Options.Add(Region);
        root.Options.Add(Database);
        root.Options.Add(Table);
        root.Options.Add(Inbox);
    }
}
