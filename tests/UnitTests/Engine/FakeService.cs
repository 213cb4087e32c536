using System.Text.Json;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Contracts.Messages;

namespace LambdaWorkflow.UnitTests.Engine;

/// <summary>Deterministic answers for the test operations.</summary>
internal static class FakeService
{
    public static FailureDetails? Answer(CallRequest command) =>
        command.Service == "broken" ? new FailureDetails("PaymentDeclined", "card declined for " + command.Payload) : null;

    public static JsonPayload Result(CallRequest command)
    {
        var json = command.Payload.ToString();
        return (command.Service, command.Operation) switch
        {
            ("math", "double") => new JsonPayload(JsonSerializer.SerializeToUtf8Bytes(int.Parse(json, System.Globalization.CultureInfo.InvariantCulture) * 2)),
            ("math", "square") => new JsonPayload(JsonSerializer.SerializeToUtf8Bytes(int.Parse(json, System.Globalization.CultureInfo.InvariantCulture) * int.Parse(json, System.Globalization.CultureInfo.InvariantCulture))),
            _ => command.Payload,
        };
    }
}
