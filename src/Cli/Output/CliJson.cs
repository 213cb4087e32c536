using System.Text.Json.Serialization;
using LambdaWorkflow.Cli.Commands;
using LambdaWorkflow.Cli.DeadLetters;
using LambdaWorkflow.Cli.Instances;
using LambdaWorkflow.Cli.Queues;

namespace LambdaWorkflow.Cli.Output;

/// <summary>Source-generated JSON of everything <c>--output json</c> prints: camelCase, nulls left out, enums as names.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(IReadOnlyList<QueueStatus>))]
[JsonSerializable(typeof(IReadOnlyList<InstanceView>))]
[JsonSerializable(typeof(InstanceDetails))]
[JsonSerializable(typeof(IReadOnlyList<DeadLetterView>))]
[JsonSerializable(typeof(IReadOnlyList<RedriveResult>))]
[JsonSerializable(typeof(IReadOnlyList<RuleMatch>))]
[JsonSerializable(typeof(SentMessage))]
internal sealed partial class CliJson : JsonSerializerContext
{
    /// <summary>The same metadata with relaxed escaping, for output people and scripts read (nothing here is embedded in HTML).</summary>
    public static CliJson Readable { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
