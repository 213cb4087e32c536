using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.UnitTests.Engine;

/// <summary>A deployed workflow changes while old instances are in flight: they finish on the old path.</summary>
public sealed class VersioningTests
{
    [Fact]
    public void GetVersion_OldHistoryReplayedAgainstNewCode_FollowsTheOldPath()
    {
        // Version 1 of the code ran the first turn: it doubled, and waits for that call.
        var before = new ReplayDriver(Registry(new ShippingWorkflow { Deployed = 1 }), ShippingWorkflow.Definition.Name, warm: false);
        var start = before.Start(JsonPayload.Parse("3"));

        // Version 2 squares instead, behind a version check; the in-flight instance resumes from its stored history.
        var after = ReplayDriverFrom(before.History, new ShippingWorkflow { Deployed = 2 });
        var turn = after.Answer(start.Commands[0]);

        Assert.Equal(WorkflowStatus.Completed, turn.Status);
        Assert.Equal("\"old:6\"", turn.Output.ToString());
        Assert.DoesNotContain(after.History, e => e.Type == HistoryEventType.VersionMarker);
    }

    [Fact]
    public void GetVersion_SameChangeWithoutVersionCheck_WouldBeNonDeterminism()
    {
        var before = new ReplayDriver(Registry(new ShippingWorkflow { Deployed = 1 }), ShippingWorkflow.Definition.Name, warm: false);
        var start = before.Start(JsonPayload.Parse("3"));

        var unguarded = ReplayDriverFrom(before.History, new ShippingWorkflow { Deployed = 2, Unguarded = true });
        var turn = unguarded.Answer(start.Commands[0]);

        Assert.Equal(WorkflowStatus.Faulted, turn.Status);
    }

    [Fact]
    public void GetVersion_NewInstanceOnNewCode_RecordsTheVersionAndReplaysIt()
    {
        var driver = new ReplayDriver(Registry(new ShippingWorkflow { Deployed = 2 }), ShippingWorkflow.Definition.Name, warm: false);
        driver.Start(JsonPayload.Parse("3"));
        driver.RunToEnd(seed: 0);

        Assert.Equal("\"new:9\"", driver.Last.Output.ToString());
        var marker = Assert.Single(driver.History, e => e.Type == HistoryEventType.VersionMarker);
        Assert.Equal("square-first", marker.Name);
        Assert.Equal("1", marker.Payload.ToString());
    }

    [Fact]
    public void GetVersion_OldPathDroppedWhileOldInstancesRun_ParksThemAsFaulted()
    {
        var before = new ReplayDriver(Registry(new ShippingWorkflow { Deployed = 1 }), ShippingWorkflow.Definition.Name, warm: false);
        var start = before.Start(JsonPayload.Parse("3"));

        var dropped = ReplayDriverFrom(before.History, new ShippingWorkflow { Deployed = 3 });
        var turn = dropped.Answer(start.Commands[0]);

        Assert.Equal(WorkflowStatus.Faulted, turn.Status);
        Assert.Contains("Version -1 of change 'square-first' is outside what the code supports (1..1)", turn.Error!.Message, StringComparison.Ordinal);
    }

    private static WorkflowRegistry Registry(ShippingWorkflow workflow) => new WorkflowRegistry().Add(ShippingWorkflow.Definition, () => workflow);

    private static ReplayDriver ReplayDriverFrom(IReadOnlyList<HistoryEvent> history, ShippingWorkflow code)
    {
        var driver = new ReplayDriver(Registry(code), ShippingWorkflow.Definition.Name, warm: false);
        driver.Load(history);
        return driver;
    }

    /// <summary>Version 1 doubles; version 2 squares behind a version check; version 3 dropped the doubling branch.</summary>
    private sealed class ShippingWorkflow : IWorkflow<int, string>
    {
        public static readonly WorkflowDefinition<int, string> Definition = new("versioned");

        public int Deployed { get; init; }

        public bool Unguarded { get; init; }

        public async Task<string> RunAsync(WorkflowContext<int> context)
        {
            var version = Deployed == 1 ? WorkflowContext.DefaultVersion
                : Unguarded ? 1
                : context.GetVersion("square-first", Deployed == 3 ? 1 : WorkflowContext.DefaultVersion, 1);
            var first = version == WorkflowContext.DefaultVersion
                ? await context.CallAsync(TestOperations.Double, context.Request)
                : await context.CallAsync(TestOperations.Square, context.Request);
            return (version == WorkflowContext.DefaultVersion ? "old:" : "new:") + first;
        }
    }
}
