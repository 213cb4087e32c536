using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.TestSupport;

namespace LambdaWorkflow.IntegrationTests.Cli;

/// <summary>Runs lwf in-process against the emulators: their endpoints and test credentials, as an operator would pass them.</summary>
internal static class CliEmulators
{
    public static readonly IReadOnlyDictionary<string, string> Credentials = new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
        ["AWS_REGION"] = EmulatorHost.Region,
    };

    public static Task<CliRun> RunAsync(EmulatorFixture emulators, params string[] args) =>
        CliRun.RunAsync(
            Credentials,
            [.. args, "--sqs-endpoint-url", emulators.Host.SqsServiceUrl.ToString(), "--dynamodb-endpoint-url", emulators.Host.DynamoDbServiceUrl.ToString()]);

    /// <summary>A queue name prefix no other test uses.</summary>
    public static string UniquePrefix(string purpose) => $"cli-{purpose}-{Guid.NewGuid():N}"[..24] + "-";
}
