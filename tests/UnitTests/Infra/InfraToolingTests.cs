using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LambdaWorkflow.UnitTests.Infra;

[Collection(InfraRunAlone.Name)]
public sealed class InfraToolingTests
{
    private static readonly string Readme = File.ReadAllText(InfraTemplates.PathOf("README.md"));

    [Theory]
    [MemberData(nameof(TemplateReferenceTests.Templates), MemberType = typeof(TemplateReferenceTests))]
    public void Readme_ExplainsEveryParameter(string name)
    {
        var undocumented = InfraTemplates.ByName(name).Parameters.Keys.Where(p => !Readme.Contains($"`{p}`", StringComparison.Ordinal)).ToList();

        Assert.True(undocumented.Count == 0, $"infra/README.md does not explain {string.Join(", ", undocumented)} of {name}.yaml");
    }

    [Fact]
    public void Readme_ShowsTheDeployCommandsHandlersAndEnvironment()
    {
        Assert.Contains("aws cloudformation deploy", Readme, StringComparison.Ordinal);
        Assert.Contains("--template-file infra/core.yaml", Readme, StringComparison.Ordinal);
        Assert.Contains("--template-file infra/service.yaml", Readme, StringComparison.Ordinal);
        Assert.Contains("--capabilities CAPABILITY_IAM", Readme, StringComparison.Ordinal);
        Assert.Contains("MyFunctions::MyFunctions.Orchestrator::HandleAsync", Readme, StringComparison.Ordinal);
        Assert.Contains("MyFunctions::MyFunctions.InventoryFunction::HandleAsync", Readme, StringComparison.Ordinal);

        foreach (var variable in new[] { "LWF_INBOX_QUEUE_URL", "LWF_INBOX_DLQ_URL", "LWF_TABLE_NAME", "LWF_EVENT_BUS_NAME", "LWF_SERVICE_DLQ_URL" })
        {
            Assert.Contains(variable, Readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PackageScript_PublishesFrameworkDependentForLinuxAndIsValidBash()
    {
        var script = InfraTemplates.PathOf("package.sh");
        var text = File.ReadAllText(script);

        Assert.Contains("--self-contained false", text, StringComparison.Ordinal);
        Assert.Contains("GenerateRuntimeConfigurationFiles=true", text, StringComparison.Ordinal);
        Assert.Matches(new Regex("linux-x64 \\| linux-arm64"), text);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(script) & UnixFileMode.UserExecute) != 0, "package.sh is not executable");
            var (code, output) = Run("bash", "-n", script);
            Assert.True(code == 0, output);
        }
    }

    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} did not finish in 2 minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
