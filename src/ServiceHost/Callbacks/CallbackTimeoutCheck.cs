using System.Text.Json;
using System.Text.Json.Serialization;
using LambdaWorkflow.Contracts;

namespace LambdaWorkflow.ServiceHost.Callbacks;

/// <summary>
/// The message a service sends itself to check a pending call's timeout, shaped like an EventBridge event so the
/// dispatcher tells it from <c>CallRequested</c> by <c>detail-type</c>. The token inside is signed, so a forged
/// check cannot fail someone else's call.
/// </summary>
internal sealed record CallbackTimeoutCheck
{
    public const string DetailTypeName = "CallbackTimeoutCheck";

    [JsonPropertyName("detail-type")]
    public string DetailType { get; init; } = DetailTypeName;

    [JsonPropertyName("source")]
    public string Source { get; init; } = "lambda-workflow";

    [JsonPropertyName("detail")]
    public CallbackTimeoutCheckDetail? Detail { get; init; }

    public static string ToJson(string token, string callId) => JsonSerializer.Serialize(
        new CallbackTimeoutCheck { Detail = new CallbackTimeoutCheckDetail { Token = token, CallId = callId } },
        ServiceHostJsonContext.Default.CallbackTimeoutCheck);

    /// <exception cref="MessageFormatException">The body is not a check message.</exception>
    public static CallbackTimeoutCheckDetail Parse(ReadOnlySpan<byte> utf8Json)
    {
        var check = WireJson.Deserialize(utf8Json, ServiceHostJsonContext.Default.CallbackTimeoutCheck);
        return check.Detail is { Token.Length: > 0 } detail ? detail : throw new MessageFormatException("detail.token", "is missing");
    }
}

/// <summary>The detail of a <see cref="CallbackTimeoutCheck"/>.</summary>
internal sealed record CallbackTimeoutCheckDetail
{
    [JsonPropertyName("token")]
    public string Token { get; init; } = string.Empty;

    /// <summary>For people reading the queue; the token is what counts.</summary>
    [JsonPropertyName("callId")]
    public string? CallId { get; init; }
}
