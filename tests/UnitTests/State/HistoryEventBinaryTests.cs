using System.Runtime.InteropServices;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.UnitTests.State;

public sealed class HistoryEventBinaryTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567);

    [Theory]
    [MemberData(nameof(HistoryEventJsonTests.Events), MemberType = typeof(HistoryEventJsonTests))]
    public void Deserialize_SerializedEvent_RoundTrips(HistoryEvent original)
    {
        var read = HistoryEventBinary.Deserialize(HistoryEventBinary.Serialize(original));

        Assert.Equal(original, read);
        Assert.Equal(original.Timestamp.Offset, read.Timestamp.Offset);
        Assert.Equal(original.Payload.IsEmpty, read.Payload.IsEmpty);
        Assert.Equal(original.Failure?.StackTrace, read.Failure?.StackTrace);
    }

    [Fact]
    public void Serialize_CompletedCall_IsEnvelopePlusPayload()
    {
        var payload = JsonPayload.Parse("{\"value\":1}");
        var completed = new HistoryEvent { Sequence = 2, Type = HistoryEventType.CallCompleted, Timestamp = At, CallNumber = 0, Attempt = 1, Payload = payload };

        var stored = HistoryEventBinary.Serialize(completed);

        // version, type, flags, seq, ticks (8), offset (2), call + 1, attempt: 16 bytes, then the JSON as it was.
        Assert.Equal(16 + payload.Length, stored.Length);
        Assert.Equal(HistoryEventBinary.FormatVersion, stored[0]);
        Assert.Equal(payload.Utf8Json.ToArray(), stored[16..]);
    }

    [Fact]
    public void Deserialize_Payload_IsSliceOfStoredBytes()
    {
        var stored = HistoryEventBinary.Serialize(new HistoryEvent { Sequence = 1, Type = HistoryEventType.CallCompleted, Timestamp = At, CallNumber = 0, Payload = JsonPayload.Parse("[1]") });

        var read = HistoryEventBinary.Deserialize(stored);

        Assert.Equal("[1]", read.Payload.ToString());
        Assert.True(MemoryMarshal.TryGetArray(read.Payload.Utf8Json, out var segment));
        Assert.Same(stored, segment.Array);
    }

    [Theory]
    [InlineData(HistoryEventType.EventReceived, "approval", "evt-1")]
    [InlineData(HistoryEventType.VersionMarker, "change-42", null)]
    [InlineData(HistoryEventType.ChildWorkflowScheduled, null, null)]
    public void Deserialize_EveryEventTypeWithNameAndKey_RoundTrips(HistoryEventType type, string? name, string? key)
    {
        var original = new HistoryEvent { Sequence = 3, Type = type, Timestamp = At, CallNumber = 1, Service = "svc", Name = name, Key = key, Payload = JsonPayload.Parse("{\"ok\":true}") };

        Assert.Equal(original, HistoryEventBinary.Deserialize(HistoryEventBinary.Serialize(original)));
    }

    [Fact]
    public void Deserialize_LargeNumbers_RoundTrip()
    {
        var original = new HistoryEvent { Sequence = int.MaxValue, Type = HistoryEventType.CallScheduled, Timestamp = DateTimeOffset.MaxValue, CallNumber = 300_000, Service = "s", Operation = "o", Attempt = 129 };

        Assert.Equal(original, HistoryEventBinary.Deserialize(HistoryEventBinary.Serialize(original)));
    }

    [Fact]
    public void Deserialize_EveryTruncation_NamesTheFieldCutShort()
    {
        var stored = HistoryEventBinary.Serialize(new HistoryEvent
        {
            Sequence = 300,
            Type = HistoryEventType.CallFailed,
            Timestamp = At,
            CallNumber = 7,
            Service = "inventory",
            Operation = "reserve",
            Attempt = 2,
            Failure = new FailureDetails("Declined", "no funds", "at X"),
        });

        for (var length = 0; length < stored.Length; length++)
        {
            var error = Assert.Throws<MessageFormatException>(() => HistoryEventBinary.Deserialize(stored.AsMemory(0, length)));
            Assert.Contains("cut short", error.Problem, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, 2, "version")]
    [InlineData(1, 0, "type")]
    [InlineData(1, 99, "type")]
    public void Deserialize_BadHeader_NamesField(int index, byte value, string field)
    {
        var stored = HistoryEventBinary.Serialize(new HistoryEvent { Sequence = 0, Type = HistoryEventType.WorkflowStarted, Timestamp = At, Payload = JsonPayload.Parse("1") });
        stored[index] = value;

        var error = Assert.Throws<MessageFormatException>(() => HistoryEventBinary.Deserialize(stored));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Deserialize_TimestampOutOfRange_NamesField()
    {
        var stored = HistoryEventBinary.Serialize(new HistoryEvent { Sequence = 0, Type = HistoryEventType.WorkflowStarted, Timestamp = At });
        BitConverter.TryWriteBytes(stored.AsSpan(4), long.MaxValue);

        var error = Assert.Throws<MessageFormatException>(() => HistoryEventBinary.Deserialize(stored));

        Assert.Equal("at", error.Field);
    }

    [Fact]
    public void Serialize_NegativeSequence_Throws()
    {
        Assert.Throws<ArgumentException>(() => HistoryEventBinary.Serialize(new HistoryEvent { Sequence = -1, Type = HistoryEventType.WorkflowStarted, Timestamp = At }));
    }

    [Fact]
    public void DeserializeHistory_RepeatedNames_ShareStrings()
    {
        var items = Enumerable.Range(0, 40)
            .Select(i => (ReadOnlyMemory<byte>)HistoryEventBinary.Serialize(new HistoryEvent
            {
                Sequence = i,
                Type = HistoryEventType.CallScheduled,
                Timestamp = At,
                CallNumber = i,
                Service = "math",
                Operation = "op" + (i % 36),
                Attempt = 1,
            }))
            .ToList();

        var history = HistoryEventBinary.DeserializeHistory(items);

        Assert.Equal(Enumerable.Range(0, 40), history.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => "op" + (i % 36)), history.Select(e => e.Operation));
        Assert.Same(history[0].Service, history[39].Service);
        Assert.Same(history[1].Operation, history[37].Operation);
    }
}
