using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using LambdaWorkflow.Aws.Diagnostics;

namespace LambdaWorkflow.Emulators;

/// <summary>
/// Local SQS (fauxqs) and DynamoDB (dynalite) emulators on 127.0.0.1, with SDK clients pointed at them.
/// Installs the pinned npm packages on first use, starts both emulators, and stops them on dispose.
/// Free of test-framework types so tools (e.g. the sample's <c>--target emulators</c>) can use it too.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    /// <summary>The region the clients sign for; the emulators accept any.</summary>
    public const string Region = "us-east-1";

    private static readonly TimeSpan ProbeRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly EmulatorProcess _sqs;
    private readonly EmulatorProcess _dynamoDb;

    private EmulatorHost(EmulatorProcess sqs, EmulatorProcess dynamoDb, EmulatorStartupTimings timings)
    {
        _sqs = sqs;
        _dynamoDb = dynamoDb;
        Timings = timings;
        Sqs = CreateSqsClient();
        DynamoDb = CreateDynamoDbClient();
    }

    /// <summary>The SQS emulator endpoint, for <c>ServiceURL</c>.</summary>
    public Uri SqsServiceUrl => _sqs.ServiceUrl;

    /// <summary>The DynamoDB emulator endpoint, for <c>ServiceURL</c>.</summary>
    public Uri DynamoDbServiceUrl => _dynamoDb.ServiceUrl;

    /// <summary>The SQS emulator's process id.</summary>
    public int SqsProcessId => _sqs.ProcessId;

    /// <summary>The DynamoDB emulator's process id.</summary>
    public int DynamoDbProcessId => _dynamoDb.ProcessId;

    /// <summary>A shared SQS client for the emulator; disposed with the host.</summary>
    public AmazonSQSClient Sqs { get; }

    /// <summary>A shared DynamoDB client for the emulator; disposed with the host.</summary>
    public AmazonDynamoDBClient DynamoDb { get; }

    /// <summary>How long install and start-up took.</summary>
    public EmulatorStartupTimings Timings { get; }

    /// <summary>Installs the emulators if needed, starts both, and returns once each answers an SDK call.</summary>
    public static async Task<EmulatorHost> StartAsync(EmulatorHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorHostOptions();
        var repositoryRoot = options.RepositoryRoot ?? RepositoryRoot.Find(AppContext.BaseDirectory);
        var installDirectory = options.InstallDirectory ?? Path.Combine(repositoryRoot, ".emulators");
        var installation = await EmulatorInstaller
            .EnsureInstalledAsync(repositoryRoot, installDirectory, options.InstallTimeout, cancellationToken)
            .ConfigureAwait(false);

        var sqsStart = StartReadyAsync(installation, "sqs", "start-sqs.mjs", ProbeSqsAsync, options.StartTimeout, cancellationToken);
        var dynamoDbStart = StartReadyAsync(installation, "dynamodb", "start-dynamodb.mjs", ProbeDynamoDbAsync, options.StartTimeout, cancellationToken);
        try
        {
            await Task.WhenAll(sqsStart, dynamoDbStart).ConfigureAwait(false);
        }
        catch
        {
            // One may have started while the other failed: stop it, then report the failure.
            foreach (var start in new[] { sqsStart, dynamoDbStart }.Where(start => start.IsCompletedSuccessfully))
            {
                await start.Result.Emulator.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        var (sqs, sqsElapsed) = await sqsStart.ConfigureAwait(false);
        var (dynamoDb, dynamoDbElapsed) = await dynamoDbStart.ConfigureAwait(false);
        return new EmulatorHost(sqs, dynamoDb, new EmulatorStartupTimings(installation.InstallDuration, sqsElapsed, dynamoDbElapsed));
    }

    /// <summary>The access key of <see cref="Credentials"/>.</summary>
    public const string AccessKey = "test";

    /// <summary>The secret key of <see cref="Credentials"/>.</summary>
    public const string SecretKey = "test";

    /// <summary>The emulators check that requests are signed, not by whom: any client may use these fixed keys.</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials(AccessKey, SecretKey);

    /// <summary>A new SQS client for the emulator, owned (and disposed) by the caller.</summary>
    /// <param name="meter">Counts the client's requests; null counts nothing.</param>
    /// <param name="faults">Fails chosen requests before they reach the emulator; null fails none.</param>
    public AmazonSQSClient CreateSqsClient(AwsRequestMeter? meter = null, AwsFaultInjector? faults = null) =>
        new(Credentials, WithHttp(new AmazonSQSConfig { ServiceURL = _sqs.ServiceUrl.ToString(), AuthenticationRegion = Region }, meter, faults));

    /// <summary>A new DynamoDB client for the emulator, owned (and disposed) by the caller.</summary>
    /// <param name="meter">Counts the client's requests, the SDK's retries included; null counts nothing.</param>
    /// <param name="faults">Fails chosen requests before they reach the emulator (throttling); null fails none.</param>
    /// <param name="maxErrorRetry">The SDK's own retries; null keeps its default.</param>
    public AmazonDynamoDBClient CreateDynamoDbClient(AwsRequestMeter? meter = null, AwsFaultInjector? faults = null, int? maxErrorRetry = null)
    {
        var config = new AmazonDynamoDBConfig { ServiceURL = _dynamoDb.ServiceUrl.ToString(), AuthenticationRegion = Region };
        if (maxErrorRetry is { } retries)
        {
            config.MaxErrorRetry = retries;
        }

        return new AmazonDynamoDBClient(Credentials, WithHttp(config, meter, faults));
    }

    /// <summary>Creates <c>{baseName}.fifo</c> with a redrive policy to a new <c>{baseName}-dlq.fifo</c>.</summary>
    public Task<FifoQueuePair> CreateFifoQueueAsync(string baseName, int maxReceiveCount = 3, CancellationToken cancellationToken = default) =>
        SqsQueueFactory.CreateFifoWithDeadLetterAsync(Sqs, baseName, maxReceiveCount, cancellationToken);

    /// <summary>Creates a standard queue.</summary>
    public Task<QueueAddress> CreateStandardQueueAsync(string name, CancellationToken cancellationToken = default) =>
        SqsQueueFactory.CreateStandardAsync(Sqs, name, cancellationToken);

    /// <summary>Creates the standard queue <paramref name="name"/> with a redrive policy to a new <c>{name}-dlq</c>.</summary>
    public Task<QueuePair> CreateStandardQueueWithDeadLetterAsync(string name, int maxReceiveCount = 3, CancellationToken cancellationToken = default) =>
        SqsQueueFactory.CreateStandardWithDeadLetterAsync(Sqs, name, maxReceiveCount, cancellationToken);

    /// <summary>Creates a table with the single-table key schema (string <c>pk</c>, string <c>sk</c>), ACTIVE on return.</summary>
    public Task<TableDescription> CreateTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        DynamoDbTableFactory.CreateSingleTableAsync(DynamoDb, tableName, cancellationToken);

    /// <summary>Disposes the shared clients and kills both emulator processes.</summary>
    public async ValueTask DisposeAsync()
    {
        Sqs.Dispose();
        DynamoDb.Dispose();
        await _sqs.DisposeAsync().ConfigureAwait(false);
        await _dynamoDb.DisposeAsync().ConfigureAwait(false);
    }

    private static T WithHttp<T>(T config, AwsRequestMeter? meter, AwsFaultInjector? faults)
        where T : ClientConfig
    {
        // The meter goes outermost, so that it also counts the attempts the injector fails.
        if (meter is not null)
        {
            config.HttpClientFactory = meter.CreateHttpClientFactory(faults is null ? null : faults.CreateHandler);
        }
        else if (faults is not null)
        {
            // A meter nobody reads: its factory is simply the way to put a handler under an SDK client.
            config.HttpClientFactory = new AwsRequestMeter().CreateHttpClientFactory(faults.CreateHandler);
        }

        return config;
    }

    private static async Task ProbeSqsAsync(Uri serviceUrl, CancellationToken cancellationToken)
    {
        using var client = new AmazonSQSClient(Credentials, new AmazonSQSConfig { ServiceURL = serviceUrl.ToString(), AuthenticationRegion = Region });
        await client.ListQueuesAsync(new ListQueuesRequest(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task ProbeDynamoDbAsync(Uri serviceUrl, CancellationToken cancellationToken)
    {
        using var client = new AmazonDynamoDBClient(Credentials, new AmazonDynamoDBConfig { ServiceURL = serviceUrl.ToString(), AuthenticationRegion = Region });
        await client.ListTablesAsync(new ListTablesRequest(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts one emulator and retries a real SDK call until it succeeds or the start timeout passes.</summary>
    private static async Task<(EmulatorProcess Emulator, TimeSpan Elapsed)> StartReadyAsync(
        EmulatorInstallation installation,
        string name,
        string scriptFileName,
        Func<Uri, CancellationToken, Task> probeAsync,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        var emulator = await EmulatorProcess.StartAsync(installation, name, scriptFileName, timeout, cancellationToken).ConfigureAwait(false);
        try
        {
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var remaining = timeout - elapsed.Elapsed;
            timeoutSource.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            Exception? lastError = null;
            try
            {
                while (true)
                {
                    try
                    {
                        await probeAsync(emulator.ServiceUrl, timeoutSource.Token).ConfigureAwait(false);
                        return (emulator, elapsed.Elapsed);
                    }
                    catch (Exception exception) when (
                        exception is AmazonServiceException or HttpRequestException
                        || (exception is OperationCanceledException && !timeoutSource.IsCancellationRequested))
                    {
                        // Listening is not the same as serving: retry until the first real call succeeds.
                        lastError = exception;
                    }

                    await Task.Delay(ProbeRetryDelay, timeoutSource.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                throw emulator.Failure(
                    $"did not answer an SDK call within {timeout} (last error: {lastError?.Message ?? "none"})",
                    exception);
            }
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
