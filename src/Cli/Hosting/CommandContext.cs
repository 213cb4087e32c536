using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.SQS.Model;
using LambdaWorkflow.Aws.DynamoDb;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Cli.Output;
using LambdaWorkflow.Local.State;
using LambdaWorkflow.Orchestrator.Publishing;
using LambdaWorkflow.Orchestrator.State;
using Spectre.Console;

namespace LambdaWorkflow.Cli.Hosting;

/// <summary>One command's run: its parsed options, writers, and the AWS clients and state it opens on demand.</summary>
internal sealed class CommandContext : IDisposable
{
    private readonly GlobalOptions _options;
    private AwsClients? _aws;

    public CommandContext(ParseResult parseResult, GlobalOptions options, TextWriter stdout, TextWriter stderr, CliEnvironment environment)
    {
        ParseResult = parseResult;
        _options = options;
        Stdout = stdout;
        Stderr = stderr;
        Environment = environment;
        Format = parseResult.GetValue(options.Output);
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new FixedWidthOutput(stdout, environment.Width, environment.Height, environment.IsTerminal),
            Ansi = environment.IsTerminal ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = environment.IsTerminal ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = environment.IsTerminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
    }

    public ParseResult ParseResult { get; }

    public TextWriter Stdout { get; }

    public TextWriter Stderr { get; }

    public CliEnvironment Environment { get; }

    public OutputFormat Format { get; }

    /// <summary>Spectre's console over <see cref="Stdout"/>.</summary>
    public IAnsiConsole Console { get; }

    public DateTimeOffset Now => Environment.TimeProvider.GetUtcNow();

    public AwsClients Aws => _aws ??= new AwsClients(new AwsSettings(
        Value(_options.SqsEndpointUrl, "LWF_ENDPOINT_URL_SQS") ?? Value(_options.EndpointUrl, "LWF_ENDPOINT_URL"),
        Value(_options.DynamoDbEndpointUrl, "LWF_ENDPOINT_URL_DYNAMODB") ?? Value(_options.EndpointUrl, "LWF_ENDPOINT_URL"),
        Value(_options.Region, "AWS_REGION"),
        Environment.Credentials()));

    /// <summary>The SQLite file given with <c>--db</c>, checked to exist (opening would create an empty one).</summary>
    public string? DatabasePath
    {
        get
        {
            if (ParseResult.GetValue(_options.Database) is not { } path)
            {
                return null;
            }

            var full = Environment.Resolve(path);
            return File.Exists(full) ? full : throw new CliException($"The SQLite state file '{full}' does not exist.");
        }
    }

    /// <summary>The state store and lister: SQLite with <c>--db</c>, otherwise DynamoDB.</summary>
    public (IWorkflowStateStore Store, IInstanceLister Lister) OpenState()
    {
        if (DatabasePath is { } path)
        {
            var sqlite = new SqliteWorkflowStateStore(path);
            return (sqlite, sqlite);
        }

        var table = Value(_options.Table, "LWF_TABLE_NAME")
            ?? throw new CliException("No workflow state given: pass --db <file> for the embedded runtime's SQLite state, or --table <name> (or LWF_TABLE_NAME) for DynamoDB.");
        var options = new DynamoDbStateStoreOptions { TableName = table, MaxRetryAttempts = 3 };
        return (new DynamoDbWorkflowStateStore(Aws.DynamoDb, options), new DynamoDbInstanceLister(Aws.DynamoDb, options));
    }

    /// <summary>The inbox to send start, signal and cancel to.</summary>
    public IInboxSender OpenInbox()
    {
        if (ParseResult.GetValue(_options.Database) is not null)
        {
            throw new CliException(
                "start, signal and cancel cannot reach the embedded runtime: its inbox is an in-memory queue of the process that runs it, not something the SQLite file holds. " +
                "Use the runtime's WorkflowClient in that process, or pass --inbox <queue URL> for a deployed inbox.");
        }

        var url = Value(_options.Inbox, "LWF_INBOX_QUEUE_URL")
            ?? throw new CliException("No inbox given: pass --inbox <queue URL> (the FIFO inbox queue) or set LWF_INBOX_QUEUE_URL.");
        try
        {
            return new SqsInboxSender(Aws.Sqs, url);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message, ex);
        }
    }

    /// <summary>A queue URL from a URL or a queue name.</summary>
    public async Task<string> QueueUrlAsync(string queue, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(queue, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return queue;
        }

        try
        {
            return (await Aws.Sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = queue }, cancellationToken).ConfigureAwait(false)).QueueUrl;
        }
        catch (QueueDoesNotExistException ex)
        {
            throw new CliException($"There is no queue named '{queue}'.", ex);
        }
    }

    /// <summary>Writes a JSON document and a newline.</summary>
    public void WriteJson<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);

        // Same contract, relaxed escaping: patterns and payloads stay readable ("source", not \u0022source\u0022).
        Stdout.WriteLine(JsonSerializer.Serialize(value, (JsonTypeInfo<T>)CliJson.Readable.GetTypeInfo(typeof(T))!));
        Stdout.Flush();
    }

    public void Dispose() => _aws?.Dispose();

    private string? Value(Option<string?> option, string variable) =>
        ParseResult.GetValue(option) is { Length: > 0 } value ? value : Environment.Get(variable);
}
