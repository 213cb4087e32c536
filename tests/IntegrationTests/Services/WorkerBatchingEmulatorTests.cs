using System.Collections.Concurrent;
using Amazon.SQS.Model;
using LambdaWorkflow.Aws.Diagnostics;
using LambdaWorkflow.Aws.Worker;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.Local.Idempotency;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.ServiceHost.Idempotency;
using Xunit.Abstractions;

namespace LambdaWorkflow.IntegrationTests.Services;

/// <summary>The polling worker's deletes and replies share batch requests under load, on the SQS emulator.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class WorkerBatchingEmulatorTests(EmulatorFixture emulators, ITestOutputHelper output)
{
    private const int CallCount = 300;

    [Fact]
    public async Task ManyCallsAtOnce_DeletesAndRepliesGoInBatches_EveryCallAnsweredOnceAndDeleted()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var meter = new AwsRequestMeter();
        using var sqs = emulators.Host.CreateSqsClient(meter);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var service = await emulators.Host.CreateStandardQueueAsync("batching-" + suffix);
        var inbox = await emulators.Host.CreateStandardQueueAsync("batching-" + suffix + "-inbox");
        foreach (var chunk in Enumerable.Range(0, CallCount).Chunk(10))
        {
            await emulators.Sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = service.QueueUrl,
                Entries = [.. chunk.Select(i => new SendMessageBatchRequestEntry("e" + i, Calls.Body(i, replyTo: inbox.QueueUrl)))],
            }, patience.Token);
        }

        var queue = new SqsWorkerQueue(sqs);
        var registry = new ServiceRegistry().Map(Calls.Post, (entry, _, _) => Task.FromResult(new LedgerPosted(entry.Number)));
        var dispatcher = new ServiceDispatcher(registry, new WorkerReplySender(queue), new ServiceDispatcherOptions
        {
            Idempotency = new IdempotencyOptions { Store = new InMemoryIdempotencyStore() },
        });
        using var worker = new SqsPollingWorker(queue, dispatcher, new SqsWorkerOptions
        {
            QueueUrl = service.QueueUrl,
            WaitTime = TimeSpan.FromSeconds(1),
            VisibilityTimeout = TimeSpan.FromSeconds(30),
            MaxConcurrency = 20,
        }, logger: null, TimeProvider.System);
        await worker.StartAsync(patience.Token);

        var replies = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        while (replies.Count < CallCount)
        {
            var response = await emulators.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = inbox.QueueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 }, patience.Token);
            foreach (var message in response.Messages ?? [])
            {
                var completed = Assert.IsType<CallCompleted>(InboxMessageReader.Parse(message.Body));
                replies.AddOrUpdate(completed.CallId, 1, (_, n) => n + 1);
                await emulators.Sqs.DeleteMessageAsync(inbox.QueueUrl, message.ReceiptHandle, patience.Token);
            }
        }

        while (worker.InFlight > 0 || await DepthAsync(service.QueueUrl) > 0)
        {
            await Task.Delay(20, patience.Token);
        }

        await worker.StopAsync(CancellationToken.None);
        var counts = meter.Snapshot();
        var deletes = counts["sqs", "DeleteMessage"] + counts["sqs", "DeleteMessageBatch"];
        var sends = counts["sqs", "SendMessage"] + counts["sqs", "SendMessageBatch"];
        output.WriteLine($"{CallCount} calls: {counts["sqs", "DeleteMessageBatch"]} DeleteMessageBatch + {counts["sqs", "DeleteMessage"]} DeleteMessage, " +
            $"{counts["sqs", "SendMessageBatch"]} SendMessageBatch + {counts["sqs", "SendMessage"]} SendMessage, {counts["sqs", "ReceiveMessage"]} receives.");
        Assert.Equal(CallCount, replies.Count);
        Assert.All(replies, reply => Assert.Equal(1, reply.Value));
        Assert.True(counts["sqs", "DeleteMessageBatch"] > 0 && counts["sqs", "SendMessageBatch"] > 0, "Nothing was batched.");
        Assert.InRange(deletes, 30, CallCount - 1);
        Assert.InRange(sends, 30, CallCount - 1);
    }

    private async Task<int> DepthAsync(string queueUrl)
    {
        var attributes = await emulators.Sqs.GetQueueAttributesAsync(queueUrl, ["All"]);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }
}
