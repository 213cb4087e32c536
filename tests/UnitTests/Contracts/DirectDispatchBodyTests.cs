using System.Text;
using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;

namespace LambdaWorkflow.UnitTests.Contracts;

/// <summary>The two shapes a service queue message may have, and the routes of direct dispatch.</summary>
public sealed class DirectDispatchBodyTests
{
    private static readonly CallRequest Command = new()
    {
        CallId = "i#0",
        InstanceId = "i",
        Workflow = "w",
        Service = "inventory",
        Operation = "reserve",
        ReplyTo = "https://sqs.us-east-1.amazonaws.com/1/inbox.fifo",
        Payload = JsonPayload.Parse("{\"sku\":\"A\"}"),
    };

    [Fact]
    public void ParseCommand_EventBridgeEnvelopeAndBareCommand_ReadTheSameCommand()
    {
        var envelope = Encoding.UTF8.GetBytes(new CallRequestedEvent { Id = "e1", Detail = Command }.ToJson());
        var bare = Encoding.UTF8.GetBytes(CallRequestedEvent.DetailToJson(Command));

        Assert.Equal(Command, CallRequestedEvent.ParseCommand(envelope));
        Assert.Equal(Command, CallRequestedEvent.ParseCommand(bare));
    }

    [Fact]
    public void ParseCommand_BareCommandMissingAField_NamesIt()
    {
        var bare = Encoding.UTF8.GetBytes(CallRequestedEvent.DetailToJson(Command).Replace("\"service\":\"inventory\",", string.Empty, StringComparison.Ordinal));

        var error = Assert.Throws<MessageFormatException>(() => CallRequestedEvent.ParseCommand(bare));

        Assert.Contains("service", error.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseCommand_OtherDetailType_IsRejected()
    {
        var other = Encoding.UTF8.GetBytes("{\"detail-type\":\"Something\",\"detail\":{}}");

        Assert.Throws<MessageFormatException>(() => CallRequestedEvent.ParseCommand(other));
    }

    [Fact]
    public void ParseRoutes_Pairs_MapServicesToQueues()
    {
        var routes = SqsCommandPublisher.ParseRoutes(" inventory=https://q/1/inv , payments=https://q/1/pay");

        Assert.Equal(new Dictionary<string, string> { ["inventory"] = "https://q/1/inv", ["payments"] = "https://q/1/pay" }, routes);
    }

    [Theory]
    [InlineData("inventory")]
    [InlineData("=https://q")]
    [InlineData("inventory=")]
    [InlineData("a=https://q/1,a=https://q/2")]
    public void ParseRoutes_BadPair_Throws(string text) =>
        Assert.Throws<FormatException>(() => SqsCommandPublisher.ParseRoutes(text));
}
