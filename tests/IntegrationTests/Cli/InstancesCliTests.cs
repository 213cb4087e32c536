using LambdaWorkflow.Aws.DynamoDb;
using LambdaWorkflow.Cli;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.IntegrationTests.Emulators;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.IntegrationTests.Cli;

/// <summary>lwf instances and show against the DynamoDB emulator, on state written by the real store.</summary>
[Collection(EmulatorsCollectionDefinition.Name)]
public sealed class InstancesCliTests(EmulatorFixture emulators)
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddMinutes(-30);

    [Fact]
    public async Task Instances_FiltersByStatusWorkflowAndTime_NewestFirst()
    {
        var table = await NewTableAsync();
        var store = new DynamoDbWorkflowStateStore(emulators.DynamoDb, new DynamoDbStateStoreOptions { TableName = table });
        await CommitAsync(store, "a", "order", T0, complete: true);
        await CommitAsync(store, "b", "order", T0.AddMinutes(20), complete: true);
        await CommitAsync(store, "c", "order", T0.AddMinutes(25), complete: false);
        await CommitAsync(store, "d", "refund", T0.AddMinutes(26), complete: true);

        var completed = await CliEmulators.RunAsync(emulators, "instances", "--table", table, "--workflow", "order", "--status", "Completed", "-o", "json");
        var recent = await CliEmulators.RunAsync(emulators, "instances", "--table", table, "--since", "15m", "-o", "json");
        var limited = await CliEmulators.RunAsync(emulators, "instances", "--table", table, "--limit", "1", "-o", "json");

        Assert.Equal(["b", "a"], completed.Json().EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()));
        Assert.Equal(["d", "c", "b"], recent.Json().EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()));
        var newest = Assert.Single(limited.Json().EnumerateArray());
        Assert.Equal(("d", "refund", "Completed", 4), (newest.GetProperty("instanceId").GetString(), newest.GetProperty("workflow").GetString(), newest.GetProperty("status").GetString(), newest.GetProperty("eventCount").GetInt32()));
        Assert.False(newest.TryGetProperty("input", out _));
    }

    [Fact]
    public async Task Show_CompletedInstance_TimelineWithCallDurationAndResult()
    {
        var table = await NewTableAsync();
        var store = new DynamoDbWorkflowStateStore(emulators.DynamoDb, new DynamoDbStateStoreOptions { TableName = table });
        await CommitAsync(store, "o-1", "order", T0, complete: true);

        var run = await CliEmulators.RunAsync(emulators, "show", "o-1", "--table", table, "-o", "json");
        var text = await CliEmulators.RunAsync(emulators, "show", "o-1", "--table", table);
        var missing = await CliEmulators.RunAsync(emulators, "show", "nobody", "--table", table);

        var details = run.Json();
        Assert.Equal("Completed", details.GetProperty("instance").GetProperty("status").GetString());
        Assert.Equal("o-1", details.GetProperty("instance").GetProperty("input").GetProperty("orderId").GetString());
        var timeline = details.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["WorkflowStarted", "CallScheduled", "CallCompleted", "WorkflowCompleted"], timeline.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(1500, timeline[2].GetProperty("durationMs").GetDouble());
        Assert.Equal("#0 payments.charge", timeline[2].GetProperty("summary").GetString());
        Assert.Equal("pay-1", timeline[2].GetProperty("payload").GetProperty("paymentId").GetString());
        Assert.Contains("payments.charge", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("1.5s", text.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failed, missing.ExitCode);
        Assert.Contains("There is no instance 'nobody'", missing.Stderr, StringComparison.Ordinal);
    }

    private static async Task CommitAsync(DynamoDbWorkflowStateStore store, string id, string workflow, DateTimeOffset at, bool complete)
    {
        HistoryEvent[] first =
        [
            new() { Sequence = 0, Type = HistoryEventType.WorkflowStarted, Timestamp = at, Payload = JsonPayload.Parse($$"""{"orderId":"{{id}}"}""") },
            new() { Sequence = 1, Type = HistoryEventType.CallScheduled, Timestamp = at, CallNumber = 0, Service = "payments", Operation = "charge", Attempt = 1, Payload = JsonPayload.Parse("{}") },
        ];
        var metadata = new InstanceMetadata
        {
            InstanceId = id, Workflow = workflow, Status = WorkflowStatus.Running, Version = 1, EventCount = 2,
            Input = first[0].Payload, CreatedAt = at, UpdatedAt = at,
        };
        await store.CommitAsync(new InstanceCommit(0, first, metadata));
        if (complete)
        {
            var done = at.AddMilliseconds(1500);
            HistoryEvent[] second =
            [
                new() { Sequence = 2, Type = HistoryEventType.CallCompleted, Timestamp = done, CallNumber = 0, Attempt = 1, Payload = JsonPayload.Parse("""{"paymentId":"pay-1"}""") },
                new() { Sequence = 3, Type = HistoryEventType.WorkflowCompleted, Timestamp = done, Payload = JsonPayload.Parse("true") },
            ];
            await store.CommitAsync(new InstanceCommit(1, second, metadata with { Status = WorkflowStatus.Completed, Version = 2, EventCount = 4, Output = JsonPayload.Parse("true"), UpdatedAt = done }));
        }
    }

    private async Task<string> NewTableAsync()
    {
        var name = "cli-" + Guid.NewGuid().ToString("N");
        await emulators.Host.CreateTableAsync(name);
        return name;
    }
}
