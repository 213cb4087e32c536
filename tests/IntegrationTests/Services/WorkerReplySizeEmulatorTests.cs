using System.Text;
using LambdaWorkflow.Aws.Worker;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.IntegrationTests.Sqs;

namespace LambdaWorkflow.IntegrationTests.Services;

/// <summary>The worker's group-committed replies keep within the byte limit of a batch request, on the SQS emulator.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class WorkerReplySizeEmulatorTests(EmulatorFixture emulators)
{
    [Fact]
    public async Task SendAsync_LargeRepliesAtOnce_EachFitsAlone_AllAreSent()
    {
        var inbox = (await emulators.Host.CreateStandardQueueAsync(SqsTesting.UniqueName("worker-big"))).QueueUrl;
        var sender = new WorkerReplySender(new SqsWorkerQueue(emulators.Sqs));

        // Each reply is ~400 KB: well under SQS's (and fauxqs's) 1 MiB per message, so each goes alone without trouble.
        // Sent at once, the last three would share a batch request of ~1.2 MB, over the limit of one: they must not.
        var sends = Enumerable.Range(0, 4).Select(i => sender.SendAsync(inbox, Big("order-" + i, 400_000))).ToArray();
        var outcomes = await Task.WhenAll(sends.Select(async t =>
        {
            try
            {
                await t;
                return null;
            }
            catch (Exception ex)
            {
                return ex.GetType().Name + ": " + ex.Message;
            }
        }));

        Assert.All(outcomes, Assert.Null);
        Assert.Equal(4, (await SqsTesting.DrainAsync(emulators.Sqs, inbox)).Count);
    }

    [Fact]
    public async Task SendAsync_SameLargeRepliesOneAtATime_AllAreSent()
    {
        var inbox = (await emulators.Host.CreateStandardQueueAsync(SqsTesting.UniqueName("worker-big-seq"))).QueueUrl;
        var sender = new WorkerReplySender(new SqsWorkerQueue(emulators.Sqs));
        for (var i = 0; i < 4; i++)
        {
            await sender.SendAsync(inbox, Big("order-" + i, 400_000));
        }

        Assert.Equal(4, (await SqsTesting.DrainAsync(emulators.Sqs, inbox)).Count);
    }

    private static CallCompleted Big(string instanceId, int size) => new()
    {
        InstanceId = instanceId,
        CallId = CallIds.Create(instanceId, 1),
        Attempt = 1,
        Result = new JsonPayload(Encoding.UTF8.GetBytes("\"" + new string('x', size) + "\"")),
    };
}
