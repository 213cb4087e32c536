using System.Text.Json;
using LambdaWorkflow.Cli;
using Xunit;

namespace LambdaWorkflow.TestSupport;

/// <summary>One in-process run of <c>lwf</c>: its exit code and what it printed.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Runs <c>lwf</c> with <paramref name="args"/>; <paramref name="variables"/> stand in for the environment (the process's is not read).</summary>
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string>? variables, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment
        {
            Variables = name => variables?.GetValueOrDefault(name),
            Width = 200,
            WorkingDirectory = RepositoryRoot,
        };
        var exitCode = await CliApp.RunAsync(args, stdout, stderr, environment);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The checkout holding <c>LambdaWorkflow.sln</c>, where relative paths of a run resolve.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Stdout as one JSON document; a run that printed none fails the test with what lwf said.</summary>
    public JsonElement Json()
    {
        try
        {
            using var document = JsonDocument.Parse(Stdout);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            Assert.Fail($"lwf (exit {ExitCode}) printed no JSON ({ex.Message}); stderr: {Stderr}; stdout: {Stdout}");
            throw;
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LambdaWorkflow.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("LambdaWorkflow.sln was not found above " + AppContext.BaseDirectory);
    }
}
