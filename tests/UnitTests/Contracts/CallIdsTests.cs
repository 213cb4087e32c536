using LambdaWorkflow.Contracts;

namespace LambdaWorkflow.UnitTests.Contracts;

public sealed class CallIdsTests
{
    [Theory]
    [InlineData(0, 0, "order-1#0")]
    [InlineData(0, 17, "order-1#17")]
    [InlineData(1, 0, "order-1#1.0")]
    [InlineData(42, 7, "order-1#42.7")]
    public void Create_ThenTryParse_RoundTripsRunAndNumber(int run, int number, string expected)
    {
        var id = CallIds.Create("order-1", run, number);

        Assert.Equal(expected, id);
        Assert.True(CallIds.TryParse(id, "order-1", out var parsedRun, out var parsedNumber));
        Assert.Equal((run, number), (parsedRun, parsedNumber));
    }

    [Theory]
    [InlineData("order-1#0.3")] // a first-run id has one spelling only
    [InlineData("order-1#2.")]
    [InlineData("order-1#.2")]
    [InlineData("order-1#1.2.3")]
    [InlineData("order-1#-1")]
    [InlineData("order-1#x")]
    [InlineData("order-12#1")] // another instance sharing the prefix
    [InlineData("order-1")]
    public void TryParse_NotACallIdOfTheInstance_ReturnsFalse(string id)
    {
        Assert.False(CallIds.TryParse(id, "order-1", out var run, out var number));
        Assert.Equal((0, -1), (run, number));
    }

    [Fact]
    public void Create_InstanceIdContainingHashesAndDots_ParsesAgainstThatInstance()
    {
        var id = CallIds.Create("a#1.2", 3, 4);

        Assert.True(CallIds.TryParse(id, "a#1.2", out var run, out var number));
        Assert.Equal((3, 4), (run, number));
    }
}
