using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.UnitTests.ServiceHost;

namespace LambdaWorkflow.UnitTests.BadInput;

/// <summary>
/// Every hostile service queue message goes into a batch between two good calls, handled concurrently: it gets its
/// disposition, reason or reply, and both good calls are answered.
/// </summary>
public sealed class ServiceBadInputTests
{
    public static TheoryData<string> Names
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (var name in ServiceHostileInputs.Cases.Keys)
            {
                names.Add(name);
            }

            return names;
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task HandleBatchAsync_HostileCall_GetsItsDispositionAndGoodCallsAreAnswered(string name)
    {
        var hostileCase = ServiceHostileInputs.Cases[name];
        var replies = new RecordingReplySender();
        var dispatcher = CallMessages.Dispatcher(ServiceHostileInputs.Registry(), replies);
        var hostile = new QueueMessage("hostile", hostileCase.Body, CallMessages.RequestedAt, ReceiveCount: 1);
        QueueMessage[] batch = [CallMessages.Create(callNumber: 1), hostile, CallMessages.Create(callNumber: 2)];

        var outcomes = await dispatcher.HandleBatchAsync(batch);

        Assert.Equal(batch.Select(m => m.MessageId), outcomes.Select(o => o.MessageId));
        AssertDisposition(hostileCase.Expect, hostile, outcomes[1]);
        Assert.All([outcomes[0], outcomes[2]], o => Assert.Equal(MessageDisposition.Completed, o.Disposition));
        var sent = replies.Sent.Select(s => s.Reply).ToList();
        foreach (var good in new[] { "order-1#1", "order-1#2" })
        {
            var reply = Assert.IsType<CallCompleted>(Assert.Single(sent, r => CallIdOf(r) == good));
            Assert.Equal("""{"reservationId":"res-A-1","quantity":2}""", reply.Result.ToString());
        }

        var answers = sent.Where(r => CallIdOf(r) == ServiceHostileInputs.CallId).ToList();
        if (hostileCase.Reply is null)
        {
            Assert.Empty(answers);
        }
        else
        {
            hostileCase.Reply(Assert.Single(answers));
        }
    }

    private static void AssertDisposition(Expected expected, QueueMessage hostile, MessageOutcome outcome)
    {
        Assert.True(expected.Disposition == outcome.Disposition, $"expected {expected.Disposition}, was {outcome.Disposition} ({outcome.Reason})");
        if (expected.Field is not null)
        {
            // The typed error: the reader throws a MessageFormatException, and the reason is one, naming the field
            // where the dispatcher's first check of the body failed.
            Assert.Throws<MessageFormatException>(() => CallRequestedEvent.Parse(hostile.Body.Span));
            Assert.StartsWith($"Not a valid CallRequested event: Field '{expected.Field}' ", outcome.Reason, StringComparison.Ordinal);
        }
        else
        {
            CallRequestedEvent.Parse(hostile.Body.Span);
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

    private static string CallIdOf(InboxMessage reply) => reply switch
    {
        CallCompleted completed => completed.CallId,
        CallFailed failed => failed.CallId,
        _ => throw new InvalidOperationException("Unexpected reply " + reply.Type),
    };
}
