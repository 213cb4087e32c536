using System.Text.Json.Serialization;

namespace LambdaWorkflow.Simulation;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SimulationResult))]
internal sealed partial class SimulationJson : JsonSerializerContext;
