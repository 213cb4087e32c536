using System.Runtime.InteropServices;
using System.Text;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.UnitTests.State;

public sealed class HistoryEventJsonTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567);

    public static TheoryData<HistoryEvent> Events() =>
    [
        new HistoryEvent { Sequence = 0, Type = HistoryEventType.WorkflowStarted, Timestamp = At, Payload = JsonPayload.Parse("{\"orderId\":\"o-1\"}") },
        new HistoryEvent { Sequence = 1, Type = HistoryEventType.CallScheduled, Timestamp = At, CallNumber = 0, Service = "inventory", Operation = "reserve", Attempt = 1, Payload = JsonPayload.Parse("[1,2,3]") },
        new HistoryEvent { Sequence = 2, Type = HistoryEventType.CallCompleted, Timestamp = At.AddSeconds(1), CallNumber = 0, Attempt = 2, Payload = JsonPayload.Parse("\"text \\u00e9\"") },
        new HistoryEvent { Sequence = 3, Type = HistoryEventType.CallFailed, Timestamp = At, CallNumber = 7, Attempt = 1, Failure = new FailureDetails("Declined", "no \"funds\"", "at X") },
        new HistoryEvent { Sequence = 4, Type = HistoryEventType.WorkflowCompleted, Timestamp = At, Payload = JsonPayload.Null },
        new HistoryEvent { Sequence = 5, Type = HistoryEventType.WorkflowFailed, Timestamp = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)), Failure = new FailureDetails("Boom", "it broke") },
        new HistoryEvent { Sequence = 6, Type = HistoryEventType.CallCompleted, Timestamp = At, CallNumber = 3, Payload = JsonPayload.Parse("42") },
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void Deserialize_SerializedEvent_RoundTrips(HistoryEvent original)
    {
        var read = HistoryEventJson.Deserialize(HistoryEventJson.Serialize(original));

        Assert.Equal(original, read);
        Assert.Equal(original.Timestamp.Offset, read.Timestamp.Offset);
        Assert.Equal(original.Payload.IsEmpty, read.Payload.IsEmpty);
    }

    [Fact]
    public void Serialize_CompletedCall_IsCompactJson()
    {
        var completed = new HistoryEvent { Sequence = 2, Type = HistoryEventType.CallCompleted, Timestamp = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), CallNumber = 0, Attempt = 1, Payload = JsonPayload.Parse("{\"value\":1}") };

        var json = Encoding.UTF8.GetString(HistoryEventJson.Serialize(completed));

        Assert.Equal("{\"seq\":2,\"type\":\"CallCompleted\",\"at\":\"2026-01-01T00:00:00+00:00\",\"call\":0,\"attempt\":1,\"payload\":{\"value\":1}}", json);
    }

    [Fact]
    public void Deserialize_Payload_IsSliceOfStoredBytes()
    {
        var stored = "{\"seq\":2,\"type\":\"CallCompleted\",\"at\":\"2026-01-01T00:00:00Z\",\"call\":0,\"payload\": {\"value\" : 1} }"u8.ToArray();

        var read = HistoryEventJson.Deserialize(stored);

        Assert.Equal("{\"value\" : 1}", read.Payload.ToString());
        Assert.True(MemoryMarshal.TryGetArray(read.Payload.Utf8Json, out var segment));
        Assert.Same(stored, segment.Array);
    }

    [Fact]
    public void Deserialize_UnknownMember_IsSkipped()
    {
        var read = HistoryEventJson.Deserialize("{\"seq\":0,\"future\":{\"a\":[1,2]},\"type\":\"WorkflowStarted\",\"at\":\"2026-01-01T00:00:00Z\"}"u8.ToArray());

        Assert.Equal(HistoryEventType.WorkflowStarted, read.Type);
        Assert.Equal(-1, read.CallNumber);
        Assert.True(read.Payload.IsEmpty);
    }

    [Theory]
    [InlineData("[]", "$")]
    [InlineData("{\"type\":\"WorkflowStarted\",\"at\":\"2026-01-01T00:00:00Z\"}", "seq")]
    [InlineData("{\"seq\":0,\"at\":\"2026-01-01T00:00:00Z\"}", "type")]
    [InlineData("{\"seq\":0,\"type\":\"WorkflowStarted\"}", "at")]
    [InlineData("{\"seq\":0,\"type\":\"Nope\",\"at\":\"2026-01-01T00:00:00Z\"}", "type")]
    [InlineData("{\"seq\":\"0\",\"type\":\"WorkflowStarted\",\"at\":\"2026-01-01T00:00:00Z\"}", "seq")]
    [InlineData("{\"seq\":0,\"type\":\"WorkflowStarted\",\"at\":\"yesterday\"}", "at")]
    [InlineData("{\"seq\":0,\"type\":\"CallScheduled\",\"at\":\"2026-01-01T00:00:00Z\",\"svc\":3}", "svc")]
    [InlineData("{\"seq\":0,\"type\":\"WorkflowStarted\",\"at\":\"2026-01-01T00:00:00Z\",\"payload\":{\"a\":}", "payload")]
    public void Deserialize_Malformed_NamesField(string json, string field)
    {
        var error = Assert.Throws<MessageFormatException>(() => HistoryEventJson.Deserialize(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void DeserializeHistory_RepeatedNames_ShareStrings()
    {
        var items = Enumerable.Range(0, 3)
            .Select(i => (ReadOnlyMemory<byte>)HistoryEventJson.Serialize(new HistoryEvent
            {
                Sequence = i,
                Type = HistoryEventType.CallScheduled,
                Timestamp = At,
                CallNumber = i,
                Service = "math",
                Operation = i == 1 ? "square" : "double",
                Attempt = 1,
            }))
            .ToList();

        var history = HistoryEventJson.DeserializeHistory(items);

        Assert.Equal([0, 1, 2], history.Select(e => e.Sequence));
        Assert.Same(history[0].Service, history[2].Service);
        Assert.Same(history[0].Operation, history[2].Operation);
        Assert.Equal("square", history[1].Operation);
    }

    [Fact]
    public void DeserializeHistory_ManyDistinctNames_ReadsEveryName()
    {
        var items = Enumerable.Range(0, 100)
            .Select(i => (ReadOnlyMemory<byte>)HistoryEventJson.Serialize(new HistoryEvent
            {
                Sequence = i,
                Type = HistoryEventType.CallScheduled,
                Timestamp = At,
                CallNumber = i,
                Service = "svc" + (i % 50),
                Operation = "op",
                Attempt = 1,
            }))
            .ToList();

        var history = HistoryEventJson.DeserializeHistory(items);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => "svc" + (i % 50)), history.Select(e => e.Service));
    }
}
