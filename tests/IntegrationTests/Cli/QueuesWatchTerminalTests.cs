using System.Diagnostics;
using Amazon.SQS.Model;
using LambdaWorkflow.Cli;
using LambdaWorkflow.IntegrationTests.Emulators;

namespace LambdaWorkflow.IntegrationTests.Cli;

/// <summary>
/// <c>lwf queues --watch</c> as a person sees it: the real tool in a pseudo-terminal, made by <c>script</c> from
/// util-linux (on Debian by default, so nothing to install), and its screen read back through a small VT screen.
/// </summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class QueuesWatchTerminalTests(EmulatorFixture emulators)
{
    private const int Columns = 140;

    [Fact]
    public async Task QueuesWatch_RealTerminal_RedrawsOneTableInPlaceAndExitsThreeForTheDeadLetter()
    {
        var script = new[] { "/usr/bin/script", "/bin/script" }.FirstOrDefault(File.Exists);
        Assert.True(script is not null, "This test needs 'script' from util-linux (apt-get install util-linux) to give lwf a real terminal.");
        var prefix = CliEmulators.UniquePrefix("tty");
        var pair = await emulators.Host.CreateFifoQueueAsync(prefix + "inbox", maxReceiveCount: 5);
        await emulators.Sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = pair.DeadLetterQueue.QueueUrl, MessageBody = "{}", MessageGroupId = "i-1", MessageDeduplicationId = "d-1" });

        var (exitCode, output) = await RunInTerminalAsync(
            script,
            "queues", "--watch", "--interval", "0.3", "--times", "4", "--prefix", prefix, "--sqs-endpoint-url", emulators.Host.SqsServiceUrl.ToString());

        var screen = TerminalScreen.Render(output, Columns);
        var shown = string.Join('\n', screen);
        Assert.True(exitCode == ExitCodes.DeadLettersPending, $"exit {exitCode}; screen:\n{shown}");

        // Four frames were drawn, yet the screen holds one table: each refresh overwrote the last.
        Assert.True(output.Split("refreshed").Length - 1 >= 4, "fewer than four refreshes were drawn:\n" + shown);
        bool IsDlqRow(string line) => line.StartsWith("│ " + pair.DeadLetterQueue.Name + " ", StringComparison.Ordinal);
        Assert.Single(screen, IsDlqRow);
        Assert.Single(screen, l => l.Contains("refreshed", StringComparison.Ordinal));
        var dlqRow = screen.Single(IsDlqRow);
        Assert.Contains("dlq", dlqRow, StringComparison.Ordinal);
        Assert.Contains("← " + pair.Queue.Name, dlqRow, StringComparison.Ordinal);
        Assert.Contains(screen, l => l.Contains("1 dead-letter queue(s) hold messages", StringComparison.Ordinal));
    }

    private static async Task<(int ExitCode, string Output)> RunInTerminalAsync(string script, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "LambdaWorkflow.Cli.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var command = $"stty cols {Columns} rows 40; exec {Quote(dotnet)} {Quote(dll)} {string.Join(' ', args.Select(Quote))}";
        var start = new ProcessStartInfo(script)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // -q quiet, -e the child's exit code, -f flush as it writes, -c the command; no typescript file.
        foreach (var arg in new[] { "-qefc", command, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = "test";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        start.Environment["AWS_REGION"] = EmulatorHost.Region;
        start.Environment["TERM"] = "xterm-256color";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output + await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
