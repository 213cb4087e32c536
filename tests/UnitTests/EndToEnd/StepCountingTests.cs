using System.Text;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Local.Hosting;

namespace LambdaWorkflow.UnitTests.EndToEnd;

public sealed class StepCountingTests
{
    [Fact]
    public void IsCallResult_RepliesAsTheRuntimeWritesThem_AreSteps()
    {
        var completed = new CallCompleted { InstanceId = "i", CallId = "i#0", Result = JsonPayload.Null };
        var failed = new CallFailed { InstanceId = "i", CallId = "i#0", Error = new FailureDetails("E", "m") };

        Assert.True(EmbeddedRuntime.IsCallResult(InboxMessageReader.ToUtf8(completed)));
        Assert.True(EmbeddedRuntime.IsCallResult(InboxMessageReader.ToUtf8(failed)));
    }

    [Fact]
    public void IsCallResult_OtherInboxMessages_AreNotSteps()
    {
        var start = new StartWorkflow { InstanceId = "i", Workflow = "w", Input = JsonPayload.Null };
        var timer = new TimerFired { InstanceId = "i", TimerId = "i#1", FireAt = DateTimeOffset.UnixEpoch };

        Assert.False(EmbeddedRuntime.IsCallResult(InboxMessageReader.ToUtf8(start)));
        Assert.False(EmbeddedRuntime.IsCallResult(InboxMessageReader.ToUtf8(timer)));
    }

    [Theory]
    [InlineData("{ \"type\": \"CallCompleted\", \"instanceId\": \"i\" }", true)]
    [InlineData("{\"instanceId\":\"i\",\"type\":\"CallFailed\"}", true)]
    [InlineData("{\"type\":\"Call\\u0046ailed\"}", true)]
    [InlineData("{\"type\":\"CallCompletedLater\"}", false)]
    public void IsCallResult_OtherWriters_ReadTheDiscriminator(string body, bool expected) =>
        Assert.Equal(expected, EmbeddedRuntime.IsCallResult(Encoding.UTF8.GetBytes(body)));
}
