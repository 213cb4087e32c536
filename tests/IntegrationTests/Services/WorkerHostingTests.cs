using Amazon.DynamoDBv2;
using Amazon.SQS;
using Amazon.SQS.Model;
using LambdaWorkflow.Aws.Idempotency;
using LambdaWorkflow.Aws.Worker;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.ServiceHost.DependencyInjection;
using LambdaWorkflow.ServiceHost.Idempotency;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LambdaWorkflow.IntegrationTests.Services;

/// <summary>The worker as users host it: a generic host, handlers and options from DI and configuration, SQS and DynamoDB on the emulators.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class WorkerHostingTests(EmulatorFixture emulators)
{
    [Fact]
    public async Task GenericHost_WithWorkerAndDynamoDbIdempotency_AnswersCallsAndStopsCleanly()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var service = await emulators.Host.CreateStandardQueueAsync("hosted-" + suffix);
        var inbox = await emulators.Host.CreateStandardQueueAsync("hosted-" + suffix + "-inbox");
        var table = "hosted-" + suffix;
        await emulators.Host.CreateTableAsync(table);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Worker:QueueUrl"] = service.QueueUrl,
            ["Worker:MaxConcurrency"] = "4",
            ["Worker:WaitTime"] = "00:00:01",
            ["Worker:ShutdownGracePeriod"] = "00:00:05",
            ["Service:DefaultRetry:MaxRetryAttempts"] = "0",
            ["Service:Idempotency:Lease"] = "00:00:30",
        });
        builder.Services
            .AddSingleton<IAmazonSQS>(emulators.Host.CreateSqsClient())
            .AddSingleton<IAmazonDynamoDB>(emulators.Host.CreateDynamoDbClient())
            .AddSqsPollingWorker(builder.Configuration.GetSection("Worker"))
            .AddLambdaWorkflowService(builder.Configuration.GetSection("Service"), host => host
                .UseDynamoDbIdempotency(options => options.TableName = table)
                .Map(Calls.Post).To<PostingHandler>());
        using var app = builder.Build();

        await app.StartAsync(patience.Token);
        var replies = new List<InboxMessage>();
        for (var copy = 1; copy <= 2; copy++)
        {
            // The second copy is a duplicate arriving after the answer: it gets the recorded reply.
            await emulators.Sqs.SendMessageAsync(service.QueueUrl, Calls.Body(7, replyTo: inbox.QueueUrl), patience.Token);
            while (replies.Count < copy)
            {
                var received = await emulators.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = inbox.QueueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 }, patience.Token);
                replies.AddRange((received.Messages ?? []).Select(m => InboxMessageReader.Parse(m.Body)));
            }
        }

        await app.StopAsync(patience.Token);

        Assert.All(replies, reply => Assert.Equal(new LedgerPosted(7), Assert.IsType<CallCompleted>(reply).Result.Deserialize(Calls.Post.ResponseType)));
        Assert.Equal(1, PostingHandler.Runs);
        Assert.IsType<DynamoDbIdempotencyStore>(app.Services.GetRequiredService<IOptions<ServiceDispatcherOptions>>().Value.Idempotency.Store);
        Assert.Equal(4, app.Services.GetRequiredService<IOptions<SqsWorkerOptions>>().Value.MaxConcurrency);
        Assert.Equal(IdempotencyStatus.Completed, (await app.Services.GetRequiredService<IIdempotencyStore>().GetAsync("ledger/ledger-00007#1"))!.Status);
    }

    private sealed class PostingHandler : IServiceHandler<LedgerEntry, LedgerPosted>
    {
        private static int s_runs;

        public static int Runs => Volatile.Read(ref s_runs);

        public Task<LedgerPosted> HandleAsync(LedgerEntry request, ServiceCallContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref s_runs);
            return Task.FromResult(new LedgerPosted(request.Number));
        }
    }
}
