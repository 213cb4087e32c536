using System.Diagnostics;
using LambdaWorkflow.TestSupport;
using OrderFulfillment;

namespace LambdaWorkflow.UnitTests.EndToEnd;

/// <summary>A value that does not convert is a usage error (exit 2 with the parser's message), not a crash.</summary>
public sealed class BadOptionTests
{
    [Theory]
    [InlineData("--workflows", "abc", "Cannot parse argument 'abc' for option '--workflows'")]
    [InlineData("--payment-decline-rate", "often", "Cannot parse argument 'often' for option '--payment-decline-rate'")]
    [InlineData("--workflows", "0", "--workflows must be between 1 and 1,000,000.")]
    public async Task Sample_OptionValueThatIsBad_ExitsTwoNamingTheOption(string option, string value, string message)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "exec", typeof(SampleRunner).Assembly.Location, option, value })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_LimitThatIsNotANumber_ExitsTwoNamingTheOption()
    {
        var run = await CliRun.RunAsync(null, "instances", "--limit", "x", "--db", "/nonexistent/state.db");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Cannot parse argument 'x' for option '--limit'", run.Stderr, StringComparison.Ordinal);
    }
}
