using System.Diagnostics;
using System.Text.Json;
using OrderFulfillment;
using OrderFulfillment.Services;

namespace LambdaWorkflow.UnitTests.EndToEnd;

/// <summary>
/// The embedded runtime on SQLite survives its own process being killed: the sample runs in a child process that is
/// SIGKILLed at random points, restarted on the same database, and in the end every order finishes exactly as an
/// uninterrupted run finishes it.
/// </summary>
public sealed class KillAndRestartTests : IDisposable
{
    private const int Orders = 300;
    private const int Seed = 31;
    private readonly string _directory = Directory.CreateTempSubdirectory("lwf-kill-").FullName;

    [Fact]
    public async Task SampleOnSqlite_KilledAtRandomPointsAndRestarted_EveryWorkflowFinishesAsUninterrupted()
    {
        var database = Path.Combine(_directory, "orders.db");
        var random = new Random(Seed);
        var killsMidRun = 0;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var child = StartSample(database);
            await Task.Delay(random.Next(300, 1000));
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true); // SIGKILL: no cleanup, no flush
                killsMidRun++;
            }

            await child.WaitForExitAsync();
        }

        using var final = StartSample(database);
        var output = await final.StandardOutput.ReadToEndAsync();
        await final.WaitForExitAsync();
        var summary = JsonSerializer.Deserialize<JsonElement>(output.TrimEnd().Split('\n')[^1]);
        var uninterrupted = await new SampleRunner(Options(database: null)).RunAsync();

        Assert.True(killsMidRun > 0, "no run was killed while it was working");
        Assert.Equal(0, final.ExitCode);
        Assert.Equal(Orders, summary.GetProperty("completed").GetInt32() + summary.GetProperty("compensated").GetInt32());
        Assert.Equal(0, summary.GetProperty("stuck").GetInt32());
        Assert.Equal(uninterrupted.OutcomeDigest, summary.GetProperty("outcomeDigest").GetString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static SampleOptions Options(string? database) => new() { Workflows = Orders, Seed = Seed, MinLatencyMs = 100, MaxLatencyMs = 300, Database = database };

    private static Process StartSample(string database)
    {
        var sample = typeof(SampleRunner).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "exec", sample, "--db", database, "--workflows", Orders.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--min-latency-ms", "100", "--max-latency-ms", "300", "--json" })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start the sample");
    }
}
