using System.Text;
using System.Text.Json.Nodes;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.ServiceHost;
using LambdaWorkflow.UnitTests.ServiceHost;
using static LambdaWorkflow.UnitTests.BadInput.Expected;

namespace LambdaWorkflow.UnitTests.BadInput;

/// <summary>
/// Service queue messages that are not valid <c>CallRequested</c> events, name an operation nobody serves, carry a
/// request the operation cannot read, or carry type hints.
/// </summary>
internal static class ServiceHostileInputs
{
    /// <summary>The call every hostile message is derived from.</summary>
    public const string CallId = "order-9#9";

    private static readonly string Template = Encoding.UTF8.GetString(CallMessages.Create(instanceId: "order-9", callNumber: 9).Body.Span);

    /// <summary>An operation whose request is declared as <see cref="object"/>; it answers with the runtime type it got.</summary>
    public static readonly ServiceOperation<object, string> TypeOf = new("inspect", "type-of");

    public static IReadOnlyDictionary<string, ServiceCase> Cases { get; } = new Dictionary<string, ServiceCase>(StringComparer.Ordinal)
    {
        // Not a CallRequested event.
        ["invalid JSON, cut off inside detail"] = new("""{"detail-type":"CallRequested","detail":{""", Malformed("$", "is not valid JSON")),
        ["invalid JSON at the top"] = new("""{"detail-type" "CallRequested"}""", Malformed("$", "is not valid JSON")),
        ["empty body"] = new([], Malformed("$", "is not valid JSON")),
        ["JSON array instead of an event"] = new("[]", Malformed("$", "must be a JSON object")),
        ["JSON number instead of an event"] = new("7", Malformed("$", "must be a JSON object")),
        ["JSON null"] = new("null", Malformed("$", "must be a JSON object")),
        ["UTF-8 byte order mark"] = new([0xEF, 0xBB, 0xBF, .. Text(Template)], Malformed("$", "'0xEF' is an invalid start of a value")),
        ["wrong detail-type"] = new(Event(e => e["detail-type"] = "OrderPlaced"), Malformed("detail-type", "must be 'CallRequested', was 'OrderPlaced'")),
        ["detail missing"] = new(Event(e => e.Remove("detail")), Malformed("detail", "is missing")),
        ["detail as a string"] = new(Event(e => e["detail"] = e["detail"]!.ToJsonString()), Malformed("detail", "has the wrong JSON type")),
        ["nesting depth 10,000 in the payload"] = new(
            Detail(d => d["payload"] = "NESTED").Replace("\"NESTED\"", new string('[', 10_000) + new string(']', 10_000), StringComparison.Ordinal),
            Malformed("$", "maximum configured depth of 64")),

        // A field of the command.
        ["missing callId"] = new(Detail(d => d.Remove("callId")), Malformed("detail.callId", "is missing")),
        ["callId of another instance"] = new(Detail(d => d["callId"] = "order-1#9"), Malformed("detail.callId", "is not a call id of instance 'order-9'")),
        ["callId given twice"] = new(Detail(_ => { }).Replace("\"callId\":", "\"callId\":\"order-9#1\",\"callId\":", StringComparison.Ordinal), Malformed("detail.callId", "Duplicate property 'callId'")),
        ["missing instanceId"] = new(Detail(d => d.Remove("instanceId")), Malformed("detail.instanceId", "is missing")),
        ["replyTo missing"] = new(Detail(d => d.Remove("replyTo")), Malformed("detail.replyTo", "is missing")),
        ["attempt zero"] = new(Detail(d => d["attempt"] = 0), Malformed("detail.attempt", "must be at least 1, was 0")),
        ["attempt 1e400"] = new(Detail(d => d["attempt"] = 7).Replace("\"attempt\":7", "\"attempt\":1e400", StringComparison.Ordinal), Malformed("detail.attempt", "has the wrong JSON type")),
        ["payload missing"] = new(Detail(d => d.Remove("payload")), Malformed("detail.payload", "is missing")),
        ["service with illegal characters"] = new(Detail(d => d["service"] = "inventory; drop"), Malformed("detail.service", "is not a valid name")),
        ["operation with a lone surrogate escape"] = new(
            Detail(d => d["operation"] = "SURROGATE").Replace("SURROGATE", "re\\uD800serve", StringComparison.Ordinal),
            Malformed("detail.operation", "is not valid Unicode text")),
        ["payload with invalid UTF-8 bytes"] = new(
            WithRawPayload([.. "\"ab"u8, 0xFF, 0xC0, .. "\""u8]),
            Malformed("detail.payload", "is not valid UTF-8 text")),

        // Nobody serves it: dead-lettered until the handler is deployed, then redriven.
        ["unknown service"] = new(Detail(d => d["service"] = "warehouse"), Rejected("No handler is mapped for operation 'reserve' of service 'warehouse' (call order-9#9)")),
        ["unknown operation"] = new(Detail(d => d["operation"] = "teleport"), Rejected("No handler is mapped for operation 'teleport' of service 'inventory' (call order-9#9)")),

        // The request does not fit the operation: the caller gets a CallFailed it can act on, not a dead letter.
        ["payload with a number for a string"] = new(Detail(d => d["payload"] = JsonNode.Parse("""{"sku":42,"quantity":2}""")), Acknowledged, InvalidRequest("cannot be read as ReserveStock")),
        ["payload a string for an object"] = new(Detail(d => d["payload"] = "reserve everything"), Acknowledged, InvalidRequest("cannot be read as ReserveStock")),
        ["payload with quantity 1e400"] = new(
            WithRawPayload("""{"sku":"A-1","quantity":1e400}"""u8.ToArray()),
            Acknowledged,
            InvalidRequest("'quantity'")),

        // Type names in the request are data; no type is loaded.
        ["$type naming System.Diagnostics.Process in an object request"] = new(
            Detail(d =>
            {
                (d["service"], d["operation"]) = (TypeOf.Service, TypeOf.Operation);
                d["payload"] = JsonNode.Parse("""{"$type":"System.Diagnostics.Process, System.Diagnostics.Process","StartInfo":{"FileName":"/bin/sh"}}""");
            }),
            Acknowledged,
            Completed("\"System.Text.Json.JsonElement\"")),
        ["$type naming a tripwire type in a typed request"] = new(
            Detail(d => d["payload"] = JsonNode.Parse($$"""{"$type":"{{Tripwire.AssemblyQualifiedName}}","sku":"A-1","quantity":2}""")),
            Acknowledged,
            Completed("""{"reservationId":"res-A-1","quantity":2}""")),
    };

    /// <summary>The handlers of the batch: the good calls' and the object-typed one.</summary>
    public static ServiceRegistry Registry() => new ServiceRegistry()
        .Map(Inventory.Reserve, (request, _, _) => CallMessages.Reserve(request))
        .Map(TypeOf, (request, _, _) => Task.FromResult(request.GetType().FullName!));

    private static Action<InboxMessage> InvalidRequest(string fragment) => reply =>
    {
        var failed = Assert.IsType<CallFailed>(reply);
        Assert.Equal(ServiceErrorTypes.InvalidRequest, failed.Error!.ErrorType);
        Assert.Contains(fragment, failed.Error.Message, StringComparison.Ordinal);
    };

    private static Action<InboxMessage> Completed(string resultJson) => reply =>
    {
        Assert.Equal(resultJson, Assert.IsType<CallCompleted>(reply).Result.ToString());
        Assert.Equal(0, TripwireLog.Touches);
    };

    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static string Event(Action<JsonObject> change)
    {
        var evt = JsonNode.Parse(Template)!.AsObject();
        change(evt);
        return evt.ToJsonString();
    }

    private static string Detail(Action<JsonObject> change) => Event(e => change(e["detail"]!.AsObject()));

    /// <summary>The template with its payload replaced by raw bytes, which JSON text cannot always hold.</summary>
    private static byte[] WithRawPayload(byte[] payload)
    {
        var parts = Detail(d => d["payload"] = "PAYLOAD").Split("\"PAYLOAD\"");
        return [.. Text(parts[0]), .. payload, .. Text(parts[1])];
    }
}
