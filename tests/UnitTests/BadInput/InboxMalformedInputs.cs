using static LambdaWorkflow.UnitTests.BadInput.Expected;
using static LambdaWorkflow.UnitTests.BadInput.InboxCase;

namespace LambdaWorkflow.UnitTests.BadInput;

/// <summary>
/// Inbox messages that cannot be read: each must be dead-lettered with the <see cref="Contracts.MessageFormatException"/>
/// naming its field, whatever else its batch holds.
/// </summary>
internal static class InboxMalformedInputs
{
    public static IReadOnlyDictionary<string, InboxCase> Cases { get; } = new Dictionary<string, InboxCase>(StringComparer.Ordinal)
    {
        // Not a JSON object.
        ["invalid JSON"] = Body("""{"type":"CallCompleted","instanceId":"v",""", Malformed("$", "is not valid JSON")),
        ["empty body"] = Body(string.Empty, Malformed("$", "does not contain any JSON tokens")),
        ["whitespace body"] = Body(" \r\n\t ", Malformed("$", "does not contain any JSON tokens")),
        ["JSON array instead of an object"] = Body("""[{"type":"CancelRequested","instanceId":"v"}]""", Malformed("$", "must be a JSON object")),
        ["JSON number instead of an object"] = Body("42", Malformed("$", "must be a JSON object")),
        ["JSON string instead of an object"] = Body("\"CancelRequested\"", Malformed("$", "must be a JSON object")),
        ["JSON null"] = Body("null", Malformed("$", "must be a JSON object")),
        ["two JSON documents in one body"] = Body("""{"type":"CancelRequested","instanceId":"v"}{"type":"CancelRequested","instanceId":"v"}""", Malformed("$", "after a single JSON value")),
        ["comment in the JSON"] = Body("""{"type":"CancelRequested",/* sneaky */"instanceId":"v"}""", Malformed("$", "is not valid JSON")),
        ["trailing comma"] = Body("""{"type":"CancelRequested","instanceId":"v",}""", Malformed("$", "trailing comma")),
        ["nesting depth 10,000"] = Body(
            """{"type":"CallCompleted","instanceId":"v","callId":"v#0","result":""" + new string('[', 10_000) + new string(']', 10_000) + "}",
            Malformed("$", "maximum configured depth of 64")),
        ["UTF-8 byte order mark"] = Utf8([0xEF, 0xBB, 0xBF, .. """{"type":"CancelRequested","instanceId":"v"}"""u8], Malformed("$", "'0xEF' is an invalid start of a value")),

        // The discriminator.
        ["unknown type"] = Body("""{"type":"DeleteAllInstances","instanceId":"v"}""", Malformed("type", "has unknown value 'DeleteAllInstances'")),
        ["type of the wrong JSON type"] = Body("""{"type":{"name":"CancelRequested"},"instanceId":"v"}""", Malformed("type", "must be a string, was an object")),
        ["type missing"] = Body("""{"instanceId":"v","reason":"no type"}""", Malformed("type", "is missing")),
        ["type given twice"] = Body("""{"type":"CallCompleted","type":"CancelRequested","instanceId":"v"}""", Malformed("type", "appears more than once")),
        ["type with invalid UTF-8 bytes"] = Utf8([.. """{"type":"Cancel"""u8, 0xFF, .. """Requested","instanceId":"v"}"""u8], Malformed("type", "is not valid Unicode text")),
        ["type with a lone surrogate escape"] = Body("""{"type":"Cancel\uD800Requested","instanceId":"v"}""", Malformed("type", "is not valid Unicode text")),

        // The instance.
        ["missing instanceId"] = Body("""{"type":"CallCompleted","callId":"v#0","result":2}""", Malformed("instanceId", "is missing")),
        ["instanceId of the wrong JSON type"] = Body("""{"type":"CancelRequested","instanceId":42}""", Malformed("instanceId", "has the wrong JSON type")),
        ["instanceId with illegal characters"] = Body("""{"type":"CancelRequested","instanceId":"v; rm -rf /"}""", Malformed("instanceId", "is not a valid name")),
        ["instanceId with a NUL character"] = Body("""{"type":"CancelRequested","instanceId":"v\u0000"}""", Malformed("instanceId", "is not a valid name")),
        ["instanceId 10 KB long"] = Body("{\"type\":\"CancelRequested\",\"instanceId\":\"" + new string('v', 10 * 1024) + "\"}", Malformed("instanceId", "is not a valid name")),
        ["instanceId with invalid UTF-8 bytes"] = Utf8([.. """{"type":"CancelRequested","instanceId":"v"""u8, 0xC3, 0x28, .. "\"}"u8], Malformed("instanceId", "is not valid Unicode text")),
        ["instanceId with a lone surrogate escape"] = Body("""{"type":"CancelRequested","instanceId":"v\uDC00"}""", Malformed("instanceId", "is not valid Unicode text")),
        ["instanceId given twice"] = Body("""{"type":"CancelRequested","instanceId":"v","instanceId":"other"}""", Malformed("instanceId", "Duplicate property 'instanceId'")),

        // Calls and attempts.
        ["missing callId"] = Body("""{"type":"CallCompleted","instanceId":"v","result":2}""", Malformed("callId", "is missing")),
        ["callId of another instance"] = Body("""{"type":"CallCompleted","instanceId":"v","callId":"a#0","result":2}""", Malformed("callId", "is not a call id of instance 'v'")),
        ["callId without a call number"] = Body("""{"type":"CallCompleted","instanceId":"v","callId":"v#first","result":2}""", Malformed("callId", "is not a call id of instance 'v'")),
        ["negative attempt"] = Body("""{"type":"CallCompleted","instanceId":"v","callId":"v#0","attempt":-1,"result":2}""", Malformed("attempt", "must be at least 1, was -1")),
        ["zero attempt"] = Body("""{"type":"CallCompleted","instanceId":"v","callId":"v#0","attempt":0,"result":2}""", Malformed("attempt", "must be at least 1, was 0")),
        ["non-integer attempt"] = Body("""{"type":"CallCompleted","instanceId":"v","callId":"v#0","attempt":1.5,"result":2}""", Malformed("attempt", "could not be converted to System.Int32")),
        ["attempt 1e400"] = Body("""{"type":"CallCompleted","instanceId":"v","callId":"v#0","attempt":1e400,"result":2}""", Malformed("attempt", "could not be converted to System.Int32")),
        ["attempt past Int32.MaxValue"] = Body("""{"type":"CallCompleted","instanceId":"v","callId":"v#0","attempt":2147483648,"result":2}""", Malformed("attempt", "could not be converted to System.Int32")),
        ["attempt as a string"] = Body("""{"type":"CallCompleted","instanceId":"v","callId":"v#0","attempt":"1","result":2}""", Malformed("attempt", "could not be converted to System.Int32")),
        ["CallFailed without error"] = Body("""{"type":"CallFailed","instanceId":"v","callId":"v#0"}""", Malformed("error", "is missing")),
        ["CallFailed error as a string"] = Body("""{"type":"CallFailed","instanceId":"v","callId":"v#0","error":"declined"}""", Malformed("error", "has the wrong JSON type")),
        ["payload with invalid UTF-8 bytes"] = Utf8([.. """{"type":"CallCompleted","instanceId":"v","callId":"v#0","result":"ab"""u8, 0xFF, 0xC0, .. "\"}"u8], Malformed("result", "is not valid UTF-8 text")),

        // Other message types.
        ["event with missing name"] = Body("""{"type":"EventRaised","instanceId":"v","eventId":"e-1","payload":true}""", Malformed("eventName", "is missing")),
        ["TimerFired with fireAt not a date"] = Body("""{"type":"TimerFired","instanceId":"v","timerId":"v#0","fireAt":"tomorrow"}""", Malformed("fireAt", "has the wrong JSON type")),
        ["StartWorkflow with markup for a workflow name"] = Body("""{"type":"StartWorkflow","instanceId":"x","workflow":"<script>alert(1)</script>","input":1}""", Malformed("workflow", "is not a valid name")),
        ["CancelRequested reason as an object"] = Body("""{"type":"CancelRequested","instanceId":"v","reason":{"why":"because"}}""", Malformed("reason", "has the wrong JSON type")),
        ["ResumeRequested without a request id"] = Body("""{"type":"ResumeRequested","instanceId":"v"}""", Malformed("requestId", "is missing")),
        ["call id of run 0 spelled with a run"] = Body("""{"type":"CallCompleted","instanceId":"v","callId":"v#0.1","result":2}""", Malformed("callId", "is not a call id of instance 'v'")),
    };
}
