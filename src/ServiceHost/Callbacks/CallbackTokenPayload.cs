using System.Text.Json.Serialization;

namespace LambdaWorkflow.ServiceHost.Callbacks;

/// <summary>What a callback token says, with short names to keep tokens small. Times are Unix milliseconds.</summary>
internal sealed record CallbackTokenPayload
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("v")]
    public int Version { get; init; } = CurrentVersion;

    [JsonPropertyName("i")]
    public string InstanceId { get; init; } = string.Empty;

    [JsonPropertyName("c")]
    public string CallId { get; init; } = string.Empty;

    [JsonPropertyName("a")]
    public int Attempt { get; init; } = 1;

    [JsonPropertyName("w")]
    public string Workflow { get; init; } = string.Empty;

    [JsonPropertyName("s")]
    public string Service { get; init; } = string.Empty;

    [JsonPropertyName("o")]
    public string Operation { get; init; } = string.Empty;

    [JsonPropertyName("r")]
    public string ReplyTo { get; init; } = string.Empty;

    [JsonPropertyName("t")]
    public long IssuedAt { get; init; }

    [JsonPropertyName("d")]
    public long Deadline { get; init; }

    [JsonPropertyName("h")]
    public long? HeartbeatMilliseconds { get; init; }

    [JsonIgnore]
    public DateTimeOffset DeadlineTime => DateTimeOffset.FromUnixTimeMilliseconds(Deadline);

    [JsonIgnore]
    public TimeSpan? HeartbeatTimeout => HeartbeatMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
}
