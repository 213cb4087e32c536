using System.Text.Json.Serialization;

namespace LambdaWorkflow.ServiceHost.Callbacks;

/// <summary>Source-generated JSON of the host's own shapes: callback tokens and timeout checks.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CallbackTokenPayload))]
[JsonSerializable(typeof(CallbackTimeoutCheck))]
internal sealed partial class ServiceHostJsonContext : JsonSerializerContext;
