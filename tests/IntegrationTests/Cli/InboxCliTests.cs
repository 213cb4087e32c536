using Amazon.SQS.Model;
using LambdaWorkflow.Cli;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.IntegrationTests.Emulators;

namespace LambdaWorkflow.IntegrationTests.Cli;

[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class InboxCliTests(EmulatorFixture emulators)
{
    [Fact]
    public async Task StartSignalCancelResume_ToEmulatorInbox_SendOneMessageEachInTheInstancesGroup()
    {
        var pair = await emulators.Host.CreateFifoQueueAsync(CliEmulators.UniquePrefix("inbox") + "inbox");
        var inbox = pair.Queue.QueueUrl;

        var start = await CliEmulators.RunAsync(emulators, "start", "order-fulfillment", "--input", """{"orderId":"o-7"}""", "--id", "o-7", "--inbox", inbox, "-o", "json");
        var signal = await CliEmulators.RunAsync(emulators, "signal", "o-7", "approved", "--payload", "true", "--event-id", "e-1", "--inbox", inbox, "-o", "json");
        var cancel = await CliEmulators.RunAsync(emulators, "cancel", "o-7", "--reason", "customer asked", "--inbox", inbox);
        var resume = await CliEmulators.RunAsync(emulators, "resume", "o-7", "--reason", "fixed in 1.4", "--inbox", inbox);

        Assert.Equal((ExitCodes.Success, ExitCodes.Success, ExitCodes.Success, ExitCodes.Success), (start.ExitCode, signal.ExitCode, cancel.ExitCode, resume.ExitCode));
        Assert.Contains("Sent ResumeRequested for instance o-7", resume.Stdout, StringComparison.Ordinal);
        Assert.Equal(("StartWorkflow", "o-7", inbox), (start.Json().GetProperty("type").GetString(), start.Json().GetProperty("instanceId").GetString(), start.Json().GetProperty("inbox").GetString()));
        Assert.Equal("e-1", signal.Json().GetProperty("eventId").GetString());
        Assert.Contains("Sent CancelRequested for instance o-7", cancel.Stdout, StringComparison.Ordinal);

        var messages = new List<InboxMessage>();
        for (var i = 0; i < 10 && messages.Count < 4; i++)
        {
            var received = await emulators.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = inbox, MaxNumberOfMessages = 10, MessageSystemAttributeNames = ["All"] });
            foreach (var message in received.Messages ?? [])
            {
                Assert.Equal("o-7", message.Attributes["MessageGroupId"]);
                messages.Add(InboxMessageReader.Parse(message.Body));
                await emulators.Sqs.DeleteMessageAsync(inbox, message.ReceiptHandle);
            }
        }

        var started = Assert.IsType<StartWorkflow>(messages[0]);
        Assert.Equal(("order-fulfillment", """{"orderId":"o-7"}"""), (started.Workflow, started.Input.ToString()));
        var raised = Assert.IsType<EventRaised>(messages[1]);
        Assert.Equal(("approved", "e-1", "true"), (raised.EventName, raised.EventId, raised.Payload.ToString()));
        Assert.Equal("customer asked", Assert.IsType<CancelRequested>(messages[2]).Reason);
        var resumed = Assert.IsType<ResumeRequested>(messages[3]);
        Assert.Equal("fixed in 1.4", resumed.Reason);
        Assert.NotEmpty(resumed.RequestId);
    }
}
