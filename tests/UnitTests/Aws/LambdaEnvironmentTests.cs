using LambdaWorkflow.Aws.Lambda;

namespace LambdaWorkflow.UnitTests.Aws;

public sealed class LambdaEnvironmentTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("5", 5)]
    [InlineData(" 12 ", 12)]
    public void MaxReceiveCount_FromTheVariable_IsReadAsAWholeNumber(string? value, int? expected)
    {
        var environment = new LambdaEnvironment(name => name == LambdaEnvironment.MaxReceiveCountVariable ? value : null);

        Assert.Equal(expected, environment.MaxReceiveCount);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("five")]
    public void MaxReceiveCount_NotAPositiveWholeNumber_FailsNamingTheVariable(string value)
    {
        var error = Assert.Throws<FormatException>(() => new LambdaEnvironment(name => name == LambdaEnvironment.MaxReceiveCountVariable ? value : null));

        Assert.Contains("LWF_MAX_RECEIVE_COUNT", error.Message, StringComparison.Ordinal);
    }
}
