using OrderFulfillment;
using OrderFulfillment.Services;

namespace LambdaWorkflow.UnitTests.EndToEnd;

public sealed class SampleEndToEndTests
{
    [Fact]
    public async Task RunAsync_SameSeedTwice_SameOutcomesAndNothingStuckOrLost()
    {
        var options = new SampleOptions { Workflows = 300, Seed = 7, MaxLatencyMs = 3 };

        var first = await new SampleRunner(options).RunAsync();
        var second = await new SampleRunner(options).RunAsync();

        Assert.Equal(300, first.Completed + first.Compensated);
        Assert.Equal(0, first.Stuck + first.Lost + first.Failed);
        Assert.True(first.Compensated > 0, "the failure rates should compensate some orders");
        Assert.True(first.Retries > 0, "transient failures should be retried by the service host");
        Assert.Equal(first.OutcomeDigest, second.OutcomeDigest);
        Assert.Equal(first.Steps, second.Steps);
    }

    [Fact]
    public async Task RunAsync_NoFailures_EveryOrderCompletesInThreeSteps()
    {
        var options = new SampleOptions { Workflows = 100, PaymentDeclineRate = 0, OutOfStockRate = 0, ShippingFailureRate = 0, TransientFailureRate = 0, MaxLatencyMs = 1 };

        var summary = await new SampleRunner(options).RunAsync();

        Assert.Equal(100, summary.Completed);
        Assert.Equal(300, summary.Steps);
        Assert.Equal(0, summary.Retries);
    }

    [Fact]
    public async Task RunAsync_EveryPaymentDeclined_EveryOrderCompensated()
    {
        var options = new SampleOptions { Workflows = 50, PaymentDeclineRate = 1, OutOfStockRate = 0, ShippingFailureRate = 0, TransientFailureRate = 0, MaxLatencyMs = 1 };

        var summary = await new SampleRunner(options).RunAsync();

        Assert.Equal(50, summary.Compensated);
        Assert.Equal(150, summary.Steps); // reserve, charge, release
    }
}
