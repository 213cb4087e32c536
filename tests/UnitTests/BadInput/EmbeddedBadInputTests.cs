using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Local.Hosting;
using LambdaWorkflow.Local.Queues;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.UnitTests.Engine;
using LambdaWorkflow.UnitTests.Infra;

namespace LambdaWorkflow.UnitTests.BadInput;

/// <summary>Hostile inbox messages on the embedded runtime's real queues: each lands in <c>lwf-inbox-dlq.fifo</c> with its reason.</summary>
[Collection(InfraRunAlone.Name)]
public sealed class EmbeddedBadInputTests
{
    private const string Instance = "beside-hostile";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Inbox_HostileMessagesAheadInTheWorkflowsGroup_LandInDlqWithReasonsAndTheWorkflowFinishes()
    {
        // 220 KB: over the orchestrator's 200 KB payload limit, under the queue's 256 KB message limit.
        var hostile = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["""{"type":"StartWorkflow","""] = "Field '$' is not valid JSON",
            ["""{"type":"StartWorkflow","instanceId":"beside-hostile","workflow":"no-such","input":1}"""] = "Workflow 'no-such' is not registered",
            ["""{"type":"CallCompleted","instanceId":"beside-hostile","callId":"beside-hostile#0","result":1}"""] = "names instance 'beside-hostile', which does not exist",
            ["""{"type":"CancelRequested","instanceId":"beside-hostile","instanceId":"other"}"""] = "Duplicate property 'instanceId'",
            ["{\"type\":\"StartWorkflow\",\"instanceId\":\"too-big\",\"workflow\":\"sequential\",\"input\":\"" + new string('x', 220 * 1024) + "\"}"] = "the limit is 204,800 bytes",
        };
        await using var runtime = new EmbeddedRuntime(ReplayDriver.Registry(), new ServiceRegistry()
            .Map(TestOperations.Double, (n, _, _) => Task.FromResult(n * 2))
            .Map(TestOperations.Square, (n, _, _) => Task.FromResult(n * n)));
        var inbox = runtime.Queues.GetQueue("lwf-inbox.fifo");
        var sent = 0;
        foreach (var body in hostile.Keys)
        {
            inbox.Send(body, groupId: Instance, deduplicationId: "hostile-" + sent++);
        }

        await runtime.StartAsync();
        await runtime.Client.StartAsync(FanOutWorkflow.Definition, 3, Instance);
        using var timeout = new CancellationTokenSource(Patience);
        Assert.Equal(144, await runtime.Client.WaitForResultAsync(FanOutWorkflow.Definition, Instance, timeout.Token));

        var dead = await DrainAsync(runtime.Queues.GetQueue("lwf-inbox-dlq.fifo"), hostile.Count, timeout.Token);
        Assert.Equal(hostile.Keys.Order(StringComparer.Ordinal), dead.Select(m => m.Body).Order(StringComparer.Ordinal));
        Assert.All(dead, m =>
        {
            Assert.Contains(hostile[m.Body], m.Attributes[DeadLetterAttributes.Reason], StringComparison.Ordinal);
            Assert.Equal("lwf-inbox.fifo", m.Attributes[DeadLetterAttributes.SourceQueue]);
        });
    }

    private static async Task<List<ReceivedLocalMessage>> DrainAsync(LocalQueue queue, int count, CancellationToken cancellationToken)
    {
        var received = new List<ReceivedLocalMessage>();
        while (received.Count < count)
        {
            foreach (var message in await queue.ReceiveAsync(10, TimeSpan.FromSeconds(1), cancellationToken: cancellationToken))
            {
                received.Add(message);
                queue.Delete(message.ReceiptHandle); // frees the FIFO group for the next one
            }
        }

        return received;
    }
}
