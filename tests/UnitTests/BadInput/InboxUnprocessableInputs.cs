using System.Text.Json;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Contracts.Transport;
using LambdaWorkflow.Orchestrator.State;
using static LambdaWorkflow.UnitTests.BadInput.Expected;
using static LambdaWorkflow.UnitTests.BadInput.InboxCase;

namespace LambdaWorkflow.UnitTests.BadInput;

/// <summary>
/// Inbox messages that read well but name what does not exist, break a limit, come too late or twice, or carry type
/// hints: each is dead-lettered with its reason, acknowledged without effect, or (a lost version race) retried.
/// </summary>
internal static class InboxUnprocessableInputs
{
    /// <summary>300 KB of text as a JSON string: 307,202 bytes, over the default 200 KB (204,800 bytes) limit.</summary>
    private static readonly string Text300Kb = "\"" + new string('x', 300 * 1024) + "\"";

    public static IReadOnlyDictionary<string, InboxCase> Cases { get; } = new Dictionary<string, InboxCase>(StringComparer.Ordinal)
    {
        // Names what does not exist.
        ["result for an unknown instance"] = Body("""{"type":"CallCompleted","instanceId":"ghost","callId":"ghost#0","result":1}""", Rejected("names instance 'ghost', which does not exist"), "ghost", NotCreatedAsync("ghost")),
        ["result for a call number never issued"] = Body("""{"type":"CallCompleted","instanceId":"v","callId":"v#7","result":1}""", Rejected("instance 'v' never issued call #7")),
        ["failure for a call number never issued"] = Body("""{"type":"CallFailed","instanceId":"v","callId":"v#5","error":{"errorType":"Boom","message":"no"}}""", Rejected("instance 'v' never issued call #5")),
        ["timer fired for a call, not a timer"] = Body("""{"type":"TimerFired","instanceId":"v","timerId":"v#0","fireAt":"2026-01-01T00:00:00Z"}""", Rejected("instance 'v' never issued timer #0")),
        ["cancel for an unknown instance"] = Body("""{"type":"CancelRequested","instanceId":"nobody"}""", Rejected("names instance 'nobody', which does not exist"), "nobody"),
        ["event for an unknown instance"] = Body("""{"type":"EventRaised","instanceId":"nobody","eventName":"approval","eventId":"e-1","payload":true}""", Rejected("names instance 'nobody', which does not exist"), "nobody"),
        ["unknown workflow name"] = Body("""{"type":"StartWorkflow","instanceId":"nw","workflow":"no-such-workflow","input":1}""", Rejected("Workflow 'no-such-workflow' is not registered"), "nw", NotCreatedAsync("nw")),

        // Over the payload limit (OrchestratorOptions.MaxPayloadBytes).
        ["workflow input of 300 KB"] = Body(
            """{"type":"StartWorkflow","instanceId":"huge","workflow":"echo-json","input":""" + Text300Kb + "}",
            Rejected("The input of instance 'huge' is 307,202 bytes; the limit is 204,800 bytes"),
            "huge",
            NotCreatedAsync("huge")),
        ["event payload of 300 KB"] = Body(
            """{"type":"EventRaised","instanceId":"v","eventName":"note","eventId":"e-big","payload":""" + Text300Kb + "}",
            Rejected("The payload of event 'note' (e-big) for instance 'v' is 307,202 bytes; the limit is 204,800 bytes"),
            verify: async batch => Assert.DoesNotContain(await batch.HistoryAsync("v"), e => e.Type == HistoryEventType.EventReceived)),
        ["call result of 300 KB"] = new(
            async batch =>
            {
                await batch.StartAsync("big", "sequential", "1");
                return batch.Raw("""{"type":"CallCompleted","instanceId":"big","callId":"big#0","result":""" + Text300Kb + "}", "big");
            },
            Acknowledged,
            async batch =>
            {
                // Recorded as the call's failure, so the workflow learns of it instead of waiting forever.
                var failed = Assert.Single(await batch.HistoryAsync("big"), e => e.Type == HistoryEventType.CallFailed);
                Assert.Equal("PayloadTooLargeException", failed.Failure!.ErrorType);
                Assert.Contains("The result of call 'big#0' is 307,202 bytes; the limit is 204,800 bytes", failed.Failure.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(await batch.HistoryAsync("big"), e => e.Payload.Length > 1024);
                await AssertFailedAsync(batch, "big", "CallFailedException", "PayloadTooLargeException");
            }),

        // Late, repeated or replayed.
        ["result for a finished workflow"] = new(
            async batch =>
            {
                await FinishAsync(batch, "done");
                return batch.Raw("""{"type":"CallCompleted","instanceId":"done","callId":"done#0","attempt":2,"result":999}""", "done");
            },
            Acknowledged,
            batch => AssertUnchangedAsync(batch, "done", version: 4, output: "8")),
        ["StartWorkflow again for a finished instance"] = new(
            async batch =>
            {
                await FinishAsync(batch, "done");
                return batch.Message(InboxBatch.Start("done", "fan-out", "9"));
            },
            Acknowledged,
            batch => AssertUnchangedAsync(batch, "done", version: 4, output: "8")),
        ["duplicate StartWorkflow with a different input"] = Body(
            """{"type":"StartWorkflow","instanceId":"v","workflow":"sequential","input":5}""",
            Acknowledged,
            verify: async batch =>
            {
                var victim = await batch.MetadataAsync("v");
                Assert.Equal("fan-out", victim.Workflow); // the first start wins
                Assert.Equal("2", victim.Input.ToString());
            }),
        ["replayed result applied six turns ago"] = new(
            async batch =>
            {
                await batch.StartAsync("old", "fan-out", "6");
                var first = batch.Reply("old#0");
                await batch.Orchestrator.HandleAsync(first);
                for (var call = 1; call < 6; call++)
                {
                    await batch.Orchestrator.HandleAsync(batch.Reply("old#" + call));
                }

                Assert.Equal(7, (await batch.MetadataAsync("old")).Version);
                return batch.Bytes(first.Body.ToArray(), "old");
            },
            Acknowledged,
            async batch =>
            {
                Assert.Equal(7, (await batch.MetadataAsync("old")).Version);
                Assert.Single(await batch.HistoryAsync("old"), e => e is { Type: HistoryEventType.CallCompleted, CallNumber: 0 });
                Assert.Contains(batch.Publisher.Published, c => c.CallId == "old#6"); // the outbox, republished
            }),
        ["stale attempt after a newer one was applied"] = new(
            async batch =>
            {
                await batch.StartAsync("att", "sequential", "1");
                await batch.SendAsync(new CallCompleted { InstanceId = "att", CallId = "att#0", Attempt = 2, Result = JsonPayload.Parse("2") });
                return batch.Raw("""{"type":"CallCompleted","instanceId":"att","callId":"att#0","attempt":1,"result":999}""", "att");
            },
            Acknowledged,
            async batch =>
            {
                var result = Assert.Single(await batch.HistoryAsync("att"), e => e is { Type: HistoryEventType.CallCompleted, CallNumber: 0 });
                Assert.Equal((2, "2"), (result.Attempt, result.Payload.ToString()));
            }),

        // Wrong types inside payloads: the workflow gets a typed failure, the message is consumed.
        ["workflow input of the wrong type"] = Body(
            """{"type":"StartWorkflow","instanceId":"wt","workflow":"sequential","input":"three"}""",
            Acknowledged,
            "wt",
            batch => AssertFailedAsync(batch, "wt", "JsonException", "System.Int32")),
        ["call result of the wrong type"] = new(
            async batch =>
            {
                await batch.StartAsync("rt", "sequential", "1");
                return batch.Raw("""{"type":"CallCompleted","instanceId":"rt","callId":"rt#0","result":{"not":"a number"}}""", "rt");
            },
            Acknowledged,
            batch => AssertFailedAsync(batch, "rt", "CallFailedException", "ResultDeserializationFailed")),

        // Type names in JSON are data; no type is loaded.
        ["$type naming System.Diagnostics.Process in an input"] = Body(
            """{"type":"StartWorkflow","instanceId":"proc","workflow":"echo-json","input":{"$type":"System.Diagnostics.Process, System.Diagnostics.Process","StartInfo":{"FileName":"/bin/sh","Arguments":"-c reboot"}}}""",
            Acknowledged,
            "proc",
            batch => AssertEchoedAsDataAsync(batch, "proc", "System.Diagnostics.Process, System.Diagnostics.Process")),
        ["$type naming a tripwire type in an input"] = Body(
            $$$"""{"type":"StartWorkflow","instanceId":"trip","workflow":"echo-json","input":{"$type":"{{{Tripwire.AssemblyQualifiedName}}}","Command":"boom"}}""",
            Acknowledged,
            "trip",
            batch => AssertEchoedAsDataAsync(batch, "trip", Tripwire.AssemblyQualifiedName)),
        ["__type hint in an input"] = Body(
            """{"type":"StartWorkflow","instanceId":"dc","workflow":"echo-json","input":{"__type":"Tripwire:#LambdaWorkflow.UnitTests.BadInput","Command":"boom"}}""",
            Acknowledged,
            "dc",
            batch => AssertEchoedAsDataAsync(batch, "dc", "Tripwire:#LambdaWorkflow.UnitTests.BadInput")),
        ["$type at the top level of a message"] = Body(
            $$$"""{"$type":"LambdaWorkflow.Contracts.Messages.CancelRequested, LambdaWorkflow.Contracts","type":"EventRaised","instanceId":"v","eventName":"note","eventId":"e-poly","payload":{"$type":"{{{Tripwire.AssemblyQualifiedName}}}"}}""",
            Acknowledged,
            verify: async batch =>
            {
                var history = await batch.HistoryAsync("v");
                Assert.Single(history, e => e is { Type: HistoryEventType.EventReceived, Name: "note" }); // read as its "type" says
                Assert.DoesNotContain(history, e => e.Type == HistoryEventType.CancelRequested);
                Assert.Equal(0, TripwireLog.Touches);
            }),

        // A turn that keeps losing the version race is retried, not dead-lettered, and goes through once it can.
        ["stale version on every commit"] = new(
            async batch =>
            {
                await batch.StartAsync("stale", "sequential", "1");
                batch.Store.Stubborn.Add("stale");
                return batch.Reply("stale#0");
            },
            Retried("ConcurrencyConflictException: Instance 'stale' is no longer at version 1"),
            async batch =>
            {
                Assert.Equal(1, (await batch.MetadataAsync("stale")).Version);
                batch.Store.Stubborn.Remove("stale");
                var redelivered = await batch.Orchestrator.HandleAsync(batch.Reply("stale#0"));
                Assert.Equal(MessageDisposition.Completed, redelivered.Disposition);
                await batch.RunToEndAsync("stale");
                Assert.Equal("8", (await batch.MetadataAsync("stale")).Output.ToString());
            }),
    };

    private static Func<InboxBatch, Task> NotCreatedAsync(string instanceId) =>
        async batch => Assert.Null(await batch.Store.GetMetadataAsync(instanceId));

    private static async Task FinishAsync(InboxBatch batch, string instanceId)
    {
        await batch.StartAsync(instanceId, "sequential", "1");
        await batch.RunToEndAsync(instanceId);
        await AssertUnchangedAsync(batch, instanceId, version: 4, output: "8");
    }

    private static async Task AssertUnchangedAsync(InboxBatch batch, string instanceId, long version, string output)
    {
        var metadata = await batch.MetadataAsync(instanceId);
        Assert.Equal((WorkflowStatus.Completed, version, output), (metadata.Status, metadata.Version, metadata.Output.ToString()));
    }

    private static async Task AssertFailedAsync(InboxBatch batch, string instanceId, string errorType, string messageFragment)
    {
        var metadata = await batch.MetadataAsync(instanceId);
        Assert.Equal(WorkflowStatus.Failed, metadata.Status);
        Assert.Equal(errorType, metadata.Error!.ErrorType);
        Assert.Contains(messageFragment, metadata.Error.Message, StringComparison.Ordinal);
    }

    private static async Task AssertEchoedAsDataAsync(InboxBatch batch, string instanceId, string typeName)
    {
        var metadata = await batch.MetadataAsync(instanceId);
        Assert.Equal(WorkflowStatus.Completed, metadata.Status);
        using var output = JsonDocument.Parse(metadata.Output.Utf8Json);
        Assert.Equal(typeof(JsonElement).FullName, output.RootElement.GetProperty("requestType").GetString());
        var request = output.RootElement.GetProperty("request");
        Assert.Equal(typeName, request.EnumerateObject().First().Value.GetString()); // the hint came back as plain data
        Assert.Equal(metadata.Input.ToString(), request.GetRawText());
        Assert.Equal(0, TripwireLog.Touches);
    }
}
