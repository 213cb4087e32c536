using LambdaWorkflow.Cli;
using LambdaWorkflow.TestSupport;

namespace LambdaWorkflow.UnitTests.Cli;

/// <summary>lwf in-process, for what needs neither AWS nor a state file.</summary>
public sealed class CliCommandLineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lwf-cli-").FullName;

    [Fact]
    public async Task RulesTest_ServiceModuleForTwoServices_JsonSaysWhichRuleMatchesAndWhere()
    {
        var eventFile = Write("event.json", Event("payments"));

        var run = await CliRun.RunAsync(null, "rules", "test", eventFile, "--template", "infra/service.yaml", "--service", "inventory", "--service", "payments", "--output", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var rules = run.Json().EnumerateArray().ToList();
        Assert.Equal(2, rules.Count);
        var payments = Assert.Single(rules, r => r.GetProperty("matched").GetBoolean());
        Assert.Equal("payments", payments.GetProperty("service").GetString());
        Assert.Equal("lwf-payments", payments.GetProperty("target").GetString());
        Assert.Contains("\"detail-type\":[\"CallRequested\"]", payments.GetProperty("pattern").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesTest_NoRuleMatches_ExitsFourAndSaysSo()
    {
        var eventFile = Write("event.json", Event("shipping"));

        var run = await CliRun.RunAsync(null, "rules", "test", eventFile, "--service", "inventory");

        Assert.Equal(ExitCodes.NoRuleMatched, run.ExitCode);
        Assert.Contains("no rule matches", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesTest_ServiceModuleWithoutService_FailsNamingTheFix()
    {
        var run = await CliRun.RunAsync(null, "rules", "test", Write("event.json", Event("inventory")));

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("--service", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("start", "order", "--input", "{}")]
    [InlineData("signal", "i-1", "approved")]
    [InlineData("cancel", "i-1")]
    public async Task InboxCommands_AgainstSqliteState_FailWithWhyAndWhatToDo(params string[] command)
    {
        var database = Write("state.db", string.Empty);

        var run = await CliRun.RunAsync(null, [.. command, "--db", database]);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("cannot reach the embedded runtime", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--inbox", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instances_NoStateGiven_FailsNamingTheOptions()
    {
        var run = await CliRun.RunAsync(null, "instances");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("--db", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--table", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("queues", "--interval", "0")]
    [InlineData("instances", "--status", "Sleeping")]
    [InlineData("frobnicate")]
    public async Task BadCommandLine_ExitsTwoWithHelpHint(params string[] args)
    {
        var run = await CliRun.RunAsync(null, args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--help", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidJsonInput_FailsBeforeSending()
    {
        var run = await CliRun.RunAsync(null, "start", "order", "--input", "{not json", "--inbox", "http://127.0.0.1:1/000000000000/inbox.fifo");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("--input is not valid JSON", run.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Event(string service) =>
        """{"version":"0","id":"e-1","detail-type":"CallRequested","source":"lambda-workflow","account":"000000000000","time":"2026-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":{"callId":"o-1#0","instanceId":"o-1","workflow":"order","service":""" +
        "\"" + service + "\"" +
        ""","operation":"go","attempt":1,"replyTo":"inbox","payload":{}}}""";

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
