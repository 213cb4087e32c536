using System.Diagnostics;

namespace LambdaWorkflow.Cost;

/// <summary>Runs the OrderFulfillment sample on the local AWS emulators as a child process and reads its summary.</summary>
internal static class SampleRun
{
    /// <summary>Runs the sample and reads its summary.</summary>
    /// <param name="workflows">Orders to run; the sample starts them one after the other without waiting, so all are in flight together.</param>
    /// <param name="directDispatch">Calls straight to the service queues instead of through EventBridge.</param>
    /// <param name="timeoutSeconds">How long the sample waits for its workflows (a large run needs more than its 120 s default).</param>
    /// <param name="savePath">When set, the sample's JSON summary is also written there, for <c>--input</c> later.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task<Usage> MeasureAsync(int workflows, bool directDispatch, int timeoutSeconds, string? savePath, CancellationToken cancellationToken)
    {
        var root = FindRepositoryRoot();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", "-c", "Release", "--project", Path.Combine("samples", "OrderFulfillment"), "--", "--target", "emulators", "--json", "--workflows", workflows.ToString(System.Globalization.CultureInfo.InvariantCulture), "--timeout-seconds", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        if (directDispatch)
        {
            start.ArgumentList.Add("--direct-dispatch");
        }

        await Console.Error.WriteLineAsync($"Running: dotnet {string.Join(' ', start.ArgumentList)}").ConfigureAwait(false);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (process.ExitCode != 0 || last is null || !last.StartsWith('{'))
        {
            throw new InvalidOperationException($"The sample exited with {process.ExitCode} and no JSON summary; run it by hand to see why, or use --offline.");
        }

        if (savePath is not null)
        {
            await File.WriteAllTextAsync(savePath, last + "\n", cancellationToken).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"Saved the summary to {savePath}").ConfigureAwait(false);
        }

        return Usage.FromSummaryJson(last, $"measured now: {workflows} workflows, OrderFulfillment --target emulators{(directDispatch ? " --direct-dispatch" : string.Empty)}");
    }

    /// <summary>Reads a saved summary: the sample's whole output or its JSON line.</summary>
    public static Usage Read(string path)
    {
        var last = File.ReadAllLines(path).Select(l => l.Trim()).Last(l => l.StartsWith('{'));
        return Usage.FromSummaryJson(last, $"measured, from {path}");
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LambdaWorkflow.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("LambdaWorkflow.sln not found above the program; run from the repository.");
    }
}
