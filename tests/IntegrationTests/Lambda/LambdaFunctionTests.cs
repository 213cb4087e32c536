using Amazon.Runtime;
using Amazon.SQS;
using LambdaWorkflow.Aws.Lambda;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.IntegrationTests.Sqs;
using LambdaWorkflow.Local.State;
using LambdaWorkflow.ServiceHost;
using static LambdaWorkflow.IntegrationTests.Lambda.LambdaTesting;

namespace LambdaWorkflow.IntegrationTests.Lambda;

/// <summary>The Stream entry points: exact Lambda JSON in and out, and composition from environment variables against the emulator.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class LambdaFunctionTests(EmulatorFixture emulators)
{
    private readonly AmazonSQSClient _sqs = emulators.Sqs;

    [Fact]
    public async Task HandleAsync_StreamWithOneRetry_WritesLambdaPartialBatchResponseExactly()
    {
        var function = new OrchestratorFunction(new SqsBatchProcessor(Scripted(new Dictionary<string, MessageDisposition> { ["m-2"] = MessageDisposition.Retry })));

        var output = await function.HandleAsync(Utf8(Event(Record("m-1", "{}", group: "a"), Record("m-2", "{}", group: "b"))));

        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"m-2"}]}""", await ReadAsync(output));
    }

    [Fact]
    public async Task HandleAsync_StreamAllCompleted_WritesAnEmptyFailureList()
    {
        var function = new ServiceFunction(new SqsBatchProcessor(Scripted(new Dictionary<string, MessageDisposition>())));

        var output = await function.HandleAsync(Utf8(Event(Record("m-1", "{}", arn: StandardArn))));

        Assert.Equal("""{"batchItemFailures":[]}""", await ReadAsync(output));
    }

    [Fact]
    public async Task HandleAsync_PayloadNotAnSqsEvent_ThrowsSoTheInvocationFails()
    {
        var function = new OrchestratorFunction(new SqsBatchProcessor(Scripted(new Dictionary<string, MessageDisposition>())));

        await Assert.ThrowsAsync<SqsEventFormatException>(() => function.HandleAsync(Utf8("""{"detail-type":"Scheduled Event"}""")));
    }

    [Fact]
    public async Task HandleAsync_FifoAndStandardBatches_GoToTheInboxAndTimerProcessorsByEventSourceArn()
    {
        var inbox = new SqsBatchProcessor(Scripted(new Dictionary<string, MessageDisposition> { ["m-1"] = MessageDisposition.Retry }));
        var timers = new SqsBatchProcessor(Scripted(new Dictionary<string, MessageDisposition> { ["m-2"] = MessageDisposition.Retry }));
        var function = new OrchestratorFunction(inbox, timers);
        var batch = new[] { Record("m-1", "{}"), Record("m-2", "{}") };

        var fromInbox = await function.HandleAsync(Utf8(Event(batch)));
        var fromTimers = await function.HandleAsync(Utf8(Event([.. batch.Select((_, i) => Record($"m-{i + 1}", "{}", arn: StandardArn))])));

        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"m-1"},{"itemIdentifier":"m-2"}]}""", await ReadAsync(fromInbox)); // m-2 held behind m-1 in its group
        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"m-2"}]}""", await ReadAsync(fromTimers));
    }

    [Fact]
    public async Task HandleAsync_StandardQueueBatchWithoutTimerQueue_ThrowsNamingTheVariable()
    {
        var function = new OrchestratorFunction(new SqsBatchProcessor(Scripted(new Dictionary<string, MessageDisposition>())));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => function.HandleAsync(Utf8(Event(Record("m-1", "{}", arn: StandardArn)))));

        Assert.Contains(LambdaEnvironment.TimerQueueUrlVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrchestratorFunction_FromEnvironment_StartsWorkflowsAndDeadLettersTheMalformedMessage()
    {
        var inbox = await emulators.Host.CreateFifoQueueAsync(SqsTesting.UniqueName("orch-inbox"));
        var dlq = (await emulators.Host.CreateFifoQueueAsync(SqsTesting.UniqueName("orch-dlq"))).Queue.QueueUrl;
        var publisher = new RecordingPublisher();
        var function = new TestOrchestratorFunction(Environment(new()
        {
            [LambdaEnvironment.InboxQueueUrlVariable] = inbox.Queue.QueueUrl,
            [LambdaEnvironment.InboxDeadLetterQueueUrlVariable] = dlq,
        }), publisher);
        var sender = new SqsInboxSender(_sqs, inbox.Queue.QueueUrl);
        await sender.SendAsync([GreeterWorkflow.Start("i-1", "Ada"), GreeterWorkflow.Start("i-2", "Grace")]);
        await _sqs.SendMessageAsync(new() { QueueUrl = inbox.Queue.QueueUrl, MessageBody = """{"type":"Bogus"}""", MessageGroupId = "i-3", MessageDeduplicationId = "bogus-1" });
        var poller = new EventSourceMappingPoller(_sqs, inbox.Queue, function.HandleAsync);

        var results = await poller.RunUntilIdleAsync();

        Assert.All(results, r => Assert.Null(r.InvocationError));
        Assert.Empty(results.SelectMany(r => r.Failed));
        Assert.Equal(3, results.Sum(r => r.Deleted));
        var commands = publisher.Published.OrderBy(c => c.InstanceId, StringComparer.Ordinal).ToList();
        Assert.Equal(["i-1", "i-2"], commands.Select(c => c.InstanceId));
        Assert.All(commands, c => Assert.Equal(inbox.Queue.QueueUrl, c.ReplyTo));
        var deadLetter = Assert.Single(await SqsTesting.DrainAsync(_sqs, dlq));
        Assert.Equal("""{"type":"Bogus"}""", deadLetter.Body);
        Assert.Equal(inbox.Queue.QueueArn, deadLetter.MessageAttributes[DeadLetterAttributes.SourceQueue].StringValue);
        Assert.Contains("type", deadLetter.MessageAttributes[DeadLetterAttributes.Reason].StringValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceFunction_FromEnvironment_RepliesToTheInboxAndDeadLettersUnknownOperations()
    {
        var serviceQueue = await emulators.Host.CreateStandardQueueAsync(SqsTesting.UniqueName("inventory"));
        var serviceDlq = (await emulators.Host.CreateStandardQueueAsync(SqsTesting.UniqueName("inventory-dlq"))).QueueUrl;
        var inbox = (await emulators.Host.CreateFifoQueueAsync(SqsTesting.UniqueName("svc-inbox"))).Queue.QueueUrl;
        var counter = new SqsRequestCounter();
        var function = new TestServiceFunction(Environment(new() { [LambdaEnvironment.ServiceDeadLetterQueueUrlVariable] = serviceDlq }), counter);
        await _sqs.SendMessageAsync(serviceQueue.QueueUrl, Command("order-1", "greet", inbox).ToJson());
        await _sqs.SendMessageAsync(serviceQueue.QueueUrl, Command("order-2", "shout", inbox).ToJson());
        var poller = new EventSourceMappingPoller(_sqs, serviceQueue, function.HandleAsync);

        var result = await poller.PollOnceAsync();

        Assert.Equal(2, result.Deleted);
        Assert.Equal("""{"batchItemFailures":[]}""", result.ResponseJson);
        var reply = Assert.IsType<CallCompleted>(InboxMessageReader.Parse(Assert.Single(await SqsTesting.DrainAsync(_sqs, inbox)).Body));
        Assert.Equal(CallIds.Create("order-1", 1), reply.CallId);
        Assert.Equal("\"Hello, Ada!\"", reply.Result.ToString());
        var deadLetter = Assert.Single(await SqsTesting.DrainAsync(_sqs, serviceDlq));
        Assert.Contains("shout", deadLetter.MessageAttributes[DeadLetterAttributes.Reason].StringValue, StringComparison.Ordinal);
        Assert.Equal(2, counter.Count(SqsOperations.SendMessage));
    }

    [Fact]
    public async Task ServiceFunction_BatchOfCalls_SendsTheirRepliesInOneBatchRequest()
    {
        var serviceQueue = await emulators.Host.CreateStandardQueueAsync(SqsTesting.UniqueName("greeter-batch"));
        var inbox = (await emulators.Host.CreateFifoQueueAsync(SqsTesting.UniqueName("svc-batch-inbox"))).Queue.QueueUrl;
        var counter = new SqsRequestCounter();
        var function = new TestServiceFunction(Environment(new()), counter);
        for (var i = 1; i <= 4; i++)
        {
            await _sqs.SendMessageAsync(serviceQueue.QueueUrl, Command("order-" + i, "greet", inbox).ToJson());
        }

        var poller = new EventSourceMappingPoller(_sqs, serviceQueue, function.HandleAsync);
        var batches = new List<int>();
        for (var poll = 0; poll < 10 && batches.Sum() < 4; poll++)
        {
            var result = await poller.PollOnceAsync();
            Assert.Equal(result.Received, result.Deleted);
            if (result.Received > 0)
            {
                batches.Add(result.Received);
            }
        }

        Assert.Equal(4, batches.Sum());
        var replies = await SqsTesting.DrainAsync(_sqs, inbox);
        Assert.Equal(4, replies.Count);
        Assert.All(replies, r => Assert.IsType<CallCompleted>(InboxMessageReader.Parse(r.Body)));

        // However the emulator splits the four into receives: one request per batch, a batch request when it has several.
        Assert.Equal(batches.Count(b => b > 1), counter.Count(SqsOperations.SendMessageBatch));
        Assert.Equal(batches.Count(b => b == 1), counter.Count(SqsOperations.SendMessage));
    }

    [Fact]
    public void OrchestratorFunction_FromEnvironmentWithoutInbox_ThrowsNamingTheVariable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new TestOrchestratorFunction(Environment(new()), new RecordingPublisher()));

        Assert.Contains(LambdaEnvironment.InboxQueueUrlVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateSqsClient_EndpointVariables_PerServiceOverrideWinsAndSdkRetriesAreOff()
    {
        var environment = LambdaEnvironment.FromVariables(new Dictionary<string, string>
        {
            [LambdaEnvironment.EndpointUrlVariable] = "http://127.0.0.1:4566",
            [LambdaEnvironment.SqsEndpointUrlVariable] = "http://127.0.0.1:9324",
            [LambdaEnvironment.RegionVariable] = "eu-west-1",
        });

        using var sqs = environment.CreateSqsClient();
        using var dynamoDb = environment.CreateDynamoDbClient();

        Assert.Equal("http://127.0.0.1:9324/", sqs.Config.ServiceURL);
        Assert.Equal("eu-west-1", sqs.Config.AuthenticationRegion);
        Assert.Equal(0, sqs.Config.MaxErrorRetry);
        Assert.Equal("http://127.0.0.1:4566/", dynamoDb.Config.ServiceURL);
        Assert.Equal("http://127.0.0.1:4566", environment.EventBridgeEndpointUrl);
    }

    private LambdaEnvironment Environment(Dictionary<string, string> variables)
    {
        variables[LambdaEnvironment.SqsEndpointUrlVariable] = emulators.Host.SqsServiceUrl.ToString();
        variables[LambdaEnvironment.RegionVariable] = EmulatorHost.Region;

        // The emulator checks that requests are signed, not by whom.
        return new LambdaEnvironment(name => variables.GetValueOrDefault(name)) { Credentials = new BasicAWSCredentials("test", "test") };
    }

    private static CallRequestedEvent Command(string instanceId, string operation, string replyTo) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Time = DateTimeOffset.UnixEpoch,
        Detail = new CallRequest
        {
            CallId = CallIds.Create(instanceId, 1),
            InstanceId = instanceId,
            Workflow = GreeterWorkflow.Definition.Name,
            Service = "greeter",
            Operation = operation,
            Attempt = 1,
            ReplyTo = replyTo,
            Payload = JsonPayload.Parse("\"Ada\""),
            RequestedAt = DateTimeOffset.UnixEpoch,
        },
    };

    /// <summary>An orchestrator function as a user's assembly derives it, over an in-memory store.</summary>
    private sealed class TestOrchestratorFunction(LambdaEnvironment environment, RecordingPublisher publisher)
        : OrchestratorFunction(environment, _ => new OrchestratorComponents
        {
            Registry = GreeterWorkflow.Registry(),
            Store = new InMemoryWorkflowStateStore(),
            Publisher = publisher,
        });

    /// <summary>A service function as a user's assembly derives it.</summary>
    private sealed class TestServiceFunction(LambdaEnvironment environment, SqsRequestCounter counter)
        : ServiceFunction(environment, _ => new ServiceComponents
        {
            Registry = new ServiceRegistry().Map(GreeterWorkflow.Greet, (name, _, _) => Task.FromResult($"Hello, {name}!")),
            Sqs = SqsTesting.ImmediateRetries(counter: counter),
        });
}
