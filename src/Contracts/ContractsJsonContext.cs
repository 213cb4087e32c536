using System.Text.Json.Serialization;
using LambdaWorkflow.Contracts.Lambda;
using LambdaWorkflow.Contracts.Messages;

namespace LambdaWorkflow.Contracts;

/// <summary>Source-generated JSON metadata for every wire shape of the project.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 64)]
[JsonSerializable(typeof(StartWorkflow))]
[JsonSerializable(typeof(CallCompleted))]
[JsonSerializable(typeof(CallFailed))]
[JsonSerializable(typeof(TimerFired))]
[JsonSerializable(typeof(EventRaised))]
[JsonSerializable(typeof(CancelRequested))]
[JsonSerializable(typeof(CallRequest))]
[JsonSerializable(typeof(CallRequestedEvent))]
[JsonSerializable(typeof(FailureDetails))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
