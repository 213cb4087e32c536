using System.Text;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.State;
using Xunit;

namespace LambdaWorkflow.TestSupport;

/// <summary>
/// The contract every <see cref="IWorkflowStateStore"/> honours. A store's test class derives from this and
/// supplies the store; the tests run unchanged against each.
/// </summary>
public abstract class StateStoreContract
{
    private static readonly DateTimeOffset Epoch = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Makes a store; instance ids are unique per test, so one store may serve many tests.</summary>
    protected abstract Task<IWorkflowStateStore> CreateStoreAsync();

    [Fact]
    public async Task LoadAsync_UnknownInstance_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        Assert.Null(await store.LoadAsync(NewId()));
        Assert.Null(await store.GetMetadataAsync(NewId()));
    }

    [Fact]
    public async Task CommitAsync_Create_LoadReturnsEveryFieldAsWritten()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        var events = new[]
        {
            Event(0, HistoryEventType.WorkflowStarted, payload: "{\"order\":\"ö-1\",\"n\":[1,2.5,null]}"),
            Event(1, HistoryEventType.CallScheduled, call: 0, payload: "\"req\"") with { Service = "inventory", Operation = "reserve", Attempt = 1 },
            Event(2, HistoryEventType.CallFailed, call: 0) with { Attempt = 2, Failure = new FailureDetails("PaymentDeclined", "no funds", "at X") },
            Event(3, HistoryEventType.EventReceived, payload: "{\"approved\":true}") with { Name = "approval", Key = "evt-1" },
            Event(4, HistoryEventType.TimerScheduled, call: 1, payload: "\"2026-03-04T12:00:00+00:00\""),
        };
        var metadata = Metadata(id, version: 1, count: 5) with { Error = new FailureDetails("E", "m"), Input = JsonPayload.Parse("{\"order\":\"ö-1\",\"n\":[1,2.5,null]}"), CustomStatus = JsonPayload.Parse("{\"stage\":\"waiting\"}") };
        await store.CommitAsync(new InstanceCommit(0, events, metadata));

        var loaded = await store.LoadAsync(id);
        Assert.NotNull(loaded);
        Assert.Equal(metadata, loaded.Metadata);
        Assert.Equal(events.Length, loaded.History.Count);
        for (var i = 0; i < events.Length; i++)
        {
            Assert.Equal(events[i], loaded.History[i]);
        }

        Assert.Equal(metadata, await store.GetMetadataAsync(id));
    }

    [Fact]
    public async Task CommitAsync_CreateOfExistingInstance_ThrowsConflict()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        await store.CommitAsync(new InstanceCommit(0, [Event(0, HistoryEventType.WorkflowStarted)], Metadata(id, 1, 1)));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.CommitAsync(new InstanceCommit(0, [Event(0, HistoryEventType.WorkflowStarted)], Metadata(id, 1, 1))));
    }

    [Fact]
    public async Task CommitAsync_StaleVersion_ThrowsConflictAndLeavesCommittedStateUnchanged()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        await store.CommitAsync(new InstanceCommit(0, [Event(0, HistoryEventType.WorkflowStarted)], Metadata(id, 1, 1)));
        await store.CommitAsync(new InstanceCommit(1, [Event(1, HistoryEventType.CallScheduled, call: 0)], Metadata(id, 2, 2)));

        // A writer that read version 1 appends the same event 1 plus more, then loses the version check.
        var stale = new InstanceCommit(1, [Event(1, HistoryEventType.CallScheduled, call: 0), Event(2, HistoryEventType.CallScheduled, call: 1)], Metadata(id, 2, 3));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.CommitAsync(stale));

        var loaded = await store.LoadAsync(id);
        Assert.Equal(2, loaded!.Metadata.Version);
        Assert.Equal(2, loaded.History.Count);
        Assert.DoesNotContain(loaded.History, e => e.CallNumber == 1);
    }

    [Fact]
    public async Task CommitAsync_EventsWrittenButMetadataNotAdvanced_StayInvisibleAndAreOverwrittenByTheRedoneTurn()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        await store.CommitAsync(new InstanceCommit(0, [Event(0, HistoryEventType.WorkflowStarted)], Metadata(id, 1, 1)));

        // A crashed turn: its events reach the store, its metadata update never wins (modelled by a losing version).
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.CommitAsync(new InstanceCommit(7, [Event(1, HistoryEventType.CallScheduled, call: 0, payload: "\"crashed\"")], Metadata(id, 8, 2))));
        Assert.Single((await store.LoadAsync(id))!.History);

        await store.CommitAsync(new InstanceCommit(1, [Event(1, HistoryEventType.CallScheduled, call: 0, payload: "\"redone\"")], Metadata(id, 2, 2)));
        var loaded = await store.LoadAsync(id);
        Assert.Equal("\"redone\"", loaded!.History[1].Payload.ToString());
    }

    [Fact]
    public async Task CommitAsync_ManyTurns_LongHistoryLoadsInSequenceOrder()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        await store.CommitAsync(new InstanceCommit(0, [Event(0, HistoryEventType.WorkflowStarted)], Metadata(id, 1, 1)));
        var count = 1;
        for (var turn = 1; turn <= 30; turn++)
        {
            var batch = Enumerable.Range(count, 10).Select(s => Event(s, HistoryEventType.CallScheduled, call: s - 1, payload: "\"" + new string('p', 400) + "\"")).ToList();
            count += batch.Count;
            await store.CommitAsync(new InstanceCommit(turn, batch, Metadata(id, turn + 1, count)));
        }

        var loaded = await store.LoadAsync(id);
        Assert.Equal(301, loaded!.History.Count);
        Assert.Equal(Enumerable.Range(0, 301), loaded.History.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(-1, 301), loaded.History.Select(e => e.CallNumber));
    }

    [Fact]
    public async Task CommitAsync_ConcurrentWritersOnOneVersion_ExactlyOneWins()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        await store.CommitAsync(new InstanceCommit(0, [Event(0, HistoryEventType.WorkflowStarted)], Metadata(id, 1, 1)));

        var attempts = Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                await store.CommitAsync(new InstanceCommit(1, [Event(1, HistoryEventType.CallScheduled, call: 0)], Metadata(id, 2, 2)));
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        });
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(won => won));
        Assert.Equal(2, (await store.GetMetadataAsync(id))!.Version);
    }

    [Fact]
    public async Task LoadAsync_InstanceIdsSharingAPrefix_DoNotMix()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        await store.CommitAsync(new InstanceCommit(0, [Event(0, HistoryEventType.WorkflowStarted, payload: "1")], Metadata(id, 1, 1)));
        await store.CommitAsync(new InstanceCommit(0, [Event(0, HistoryEventType.WorkflowStarted, payload: "2"), Event(1, HistoryEventType.CallScheduled, call: 0)], Metadata(id + "0", 1, 2)));

        Assert.Single((await store.LoadAsync(id))!.History);
        Assert.Equal(2, (await store.LoadAsync(id + "0"))!.History.Count);
    }

    [Fact]
    public async Task CommitAsync_LargeUnicodePayload_RoundTripsByteForByte()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        var text = string.Concat(Enumerable.Repeat("zß水🚀\\\"\n", 8_000));
        var json = Encoding.UTF8.GetString(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(text));
        await store.CommitAsync(new InstanceCommit(0, [Event(0, HistoryEventType.WorkflowStarted, payload: json)], Metadata(id, 1, 1)));

        var loaded = await store.LoadAsync(id);
        Assert.Equal(json, loaded!.History[0].Payload.ToString());
    }

    [Fact]
    public async Task CommitAsync_ContinuedAsNew_LoadReturnsOnlyTheCurrentRunFromItsFirstSequence()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        await store.CommitAsync(new InstanceCommit(0, [Event(0, HistoryEventType.WorkflowStarted), Event(1, HistoryEventType.CallScheduled, call: 0)], Metadata(id, 1, 2)));

        // The next run starts at sequence 2, with the call numbers of a fresh history.
        var secondRun = new[] { Event(2, HistoryEventType.WorkflowStarted, payload: "{\"run\":1}") with { Attempt = 1 }, Event(3, HistoryEventType.CallScheduled, call: 0, payload: "\"again\"") };
        await store.CommitAsync(new InstanceCommit(1, secondRun, Metadata(id, 2, 4) with { FirstSequence = 2 }));

        var loaded = await store.LoadAsync(id);
        Assert.Equal(2, loaded!.Metadata.FirstSequence);
        Assert.Equal(secondRun, loaded.History);
        Assert.Equal(2, (await store.GetMetadataAsync(id))!.FirstSequence);

        // The run goes on: later turns append after it, and a third run starts further on.
        await store.CommitAsync(new InstanceCommit(2, [Event(4, HistoryEventType.CallCompleted, call: 0)], Metadata(id, 3, 5) with { FirstSequence = 2 }));
        Assert.Equal([2, 3, 4], (await store.LoadAsync(id))!.History.Select(e => e.Sequence));
        await store.CommitAsync(new InstanceCommit(3, [Event(5, HistoryEventType.WorkflowStarted) with { Attempt = 2 }], Metadata(id, 4, 6) with { FirstSequence = 5 }));
        var third = await store.LoadAsync(id);
        Assert.Equal(HistoryEventType.WorkflowStarted, Assert.Single(third!.History).Type);
        Assert.Equal(5, third.History[0].Sequence);
    }

    [Fact]
    public async Task CommitAsync_StaleWriterAfterAContinueAsNew_LeavesTheNewRunIntact()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        await store.CommitAsync(new InstanceCommit(0, [Event(0, HistoryEventType.WorkflowStarted), Event(1, HistoryEventType.CallScheduled, call: 0)], Metadata(id, 1, 2)));
        var secondRun = new[] { Event(2, HistoryEventType.WorkflowStarted) with { Attempt = 1 }, Event(3, HistoryEventType.CallScheduled, call: 0, payload: "\"run 1\"") };
        await store.CommitAsync(new InstanceCommit(1, secondRun, Metadata(id, 2, 4) with { FirstSequence = 2 }));

        // A writer that read version 1 (other code, during a deployment) appends a different sequence 2 and 3, and loses.
        var stale = new[] { Event(2, HistoryEventType.CallCompleted, call: 0, payload: "\"stale\""), Event(3, HistoryEventType.CallScheduled, call: 1, payload: "\"stale\"") };
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.CommitAsync(new InstanceCommit(1, stale, Metadata(id, 2, 4))));

        Assert.Equal(secondRun, (await store.LoadAsync(id))!.History);
    }

    [Fact]
    public async Task CommitAsync_ContinueAsNewLosesTheVersionCheck_PreviousRunStaysLoadable()
    {
        var store = await CreateStoreAsync();
        var id = NewId();
        await store.CommitAsync(new InstanceCommit(0, [Event(0, HistoryEventType.WorkflowStarted), Event(1, HistoryEventType.CallScheduled, call: 0)], Metadata(id, 1, 2)));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.CommitAsync(new InstanceCommit(5, [Event(2, HistoryEventType.WorkflowStarted) with { Attempt = 1 }], Metadata(id, 6, 3) with { FirstSequence = 2 })));

        var loaded = await store.LoadAsync(id);
        Assert.Equal(0, loaded!.Metadata.FirstSequence);
        Assert.Equal([0, 1], loaded.History.Select(e => e.Sequence));
    }

    /// <summary>A unique instance id.</summary>
    protected static string NewId() => "it-" + Guid.NewGuid().ToString("N")[..12];

    private static HistoryEvent Event(int sequence, HistoryEventType type, int call = -1, string? payload = null) => new()
    {
        Sequence = sequence,
        Type = type,
        Timestamp = Epoch.AddSeconds(sequence),
        CallNumber = call,
        Payload = payload is null ? default : JsonPayload.Parse(payload),
    };

    private static InstanceMetadata Metadata(string id, long version, int count) => new()
    {
        InstanceId = id,
        Workflow = "order",
        Status = WorkflowStatus.Running,
        Version = version,
        EventCount = count,
        Input = JsonPayload.Parse("{}"),
        CreatedAt = Epoch,
        UpdatedAt = Epoch.AddMinutes(version),
    };
}
