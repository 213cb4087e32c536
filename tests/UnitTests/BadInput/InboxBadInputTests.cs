using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.UnitTests.BadInput;

/// <summary>
/// Every hostile inbox message goes into a batch between good ones, some of them in its own message group: it gets
/// its disposition and reason, and the good messages complete and their workflows finish.
/// </summary>
public sealed class InboxBadInputTests
{
    public static TheoryData<string> Malformed => NamesOf(InboxMalformedInputs.Cases);

    public static TheoryData<string> Unprocessable => NamesOf(InboxUnprocessableInputs.Cases);

    [Theory]
    [MemberData(nameof(Malformed))]
    public Task HandleBatchAsync_MalformedMessage_DeadLettersWithTheFieldAndOthersFinish(string name) =>
        RunAsync(InboxMalformedInputs.Cases[name]);

    [Theory]
    [MemberData(nameof(Unprocessable))]
    public Task HandleBatchAsync_UnprocessableMessage_GetsItsDispositionAndOthersFinish(string name) =>
        RunAsync(InboxUnprocessableInputs.Cases[name]);

    private static async Task RunAsync(InboxCase hostileCase)
    {
        var batch = new InboxBatch();
        await batch.StartAsync(InboxBatch.Victim, "fan-out", "2"); // calls v#0 and v#1
        var hostile = await hostileCase.Build(batch);
        QueueMessage[] messages =
        [
            batch.Message(InboxBatch.Start("a", "sequential", "2")),
            batch.Reply("v#0"),
            hostile,
            batch.Reply("v#1"), // after the hostile message, in its group unless it names another instance
            batch.Message(InboxBatch.Start("b", "sequential", "3")),
        ];

        var outcomes = await batch.Orchestrator.HandleBatchAsync(messages);

        Assert.Equal(messages.Select(m => m.MessageId), outcomes.Select(o => o.MessageId));
        AssertDisposition(hostileCase.Expect, hostile, outcomes[2]);
        Assert.All([outcomes[0], outcomes[1], outcomes[3], outcomes[4]], o => Assert.True(o.Disposition == MessageDisposition.Completed, $"{o.MessageId}: {o.Disposition} ({o.Reason})"));
        if (hostileCase.Verify is not null)
        {
            await hostileCase.Verify(batch);
        }

        await batch.RunToEndAsync("a", "b", InboxBatch.Victim);
        Assert.Equal((WorkflowStatus.Completed, "32"), await ResultAsync(batch, "a"));
        Assert.Equal((WorkflowStatus.Completed, "72"), await ResultAsync(batch, "b"));
        Assert.Equal((WorkflowStatus.Completed, "36"), await ResultAsync(batch, InboxBatch.Victim));
    }

    private static void AssertDisposition(Expected expected, QueueMessage hostile, MessageOutcome outcome)
    {
        Assert.True(expected.Disposition == outcome.Disposition, $"expected {expected.Disposition}, was {outcome.Disposition} ({outcome.Reason})");
        if (expected.Field is not null)
        {
            // The typed error: the reader's own exception names the field, and the reason is its message.
            var error = Assert.Throws<MessageFormatException>(() => InboxMessageReader.Parse(hostile.Body.Span));
            Assert.Equal(expected.Field, error.Field);
            Assert.Equal(error.Message, outcome.Reason);
        }
        else
        {
            // Well-formed: whatever became of it was decided by what it names, not by how it is written.
            InboxMessageReader.Parse(hostile.Body.Span);
        }

        if (expected.Disposition == MessageDisposition.Completed)
        {
            Assert.Null(outcome.Reason);
        }
        else
        {
            Assert.Contains(expected.Reason, outcome.Reason, StringComparison.Ordinal);
        }
    }

    private static async Task<(WorkflowStatus, string)> ResultAsync(InboxBatch batch, string instanceId)
    {
        var metadata = await batch.MetadataAsync(instanceId);
        return (metadata.Status, metadata.Output.ToString());
    }

    private static TheoryData<string> NamesOf(IReadOnlyDictionary<string, InboxCase> cases)
    {
        var names = new TheoryData<string>();
        foreach (var name in cases.Keys)
        {
            names.Add(name);
        }

        return names;
    }
}
