using System.Diagnostics;

namespace LambdaWorkflow.Benchmarks;

/// <summary>Runs this benchmark program again as a child process: a fresh heap, or other runtime (GC) settings.</summary>
internal static class ChildProcess
{
    /// <summary>Runs the program with <paramref name="args"/> and <paramref name="environment"/> added; returns its output.</summary>
    public static async Task<string> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!).Equals("dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location); // started as `dotnet <dll>`, not by the app host
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var child = Process.Start(start)!;
        var text = await child.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await child.WaitForExitAsync().ConfigureAwait(false);
        return child.ExitCode == 0
            ? text
            : throw new InvalidOperationException($"'{string.Join(' ', start.ArgumentList)}' exited {child.ExitCode}: {text}");
    }
}
