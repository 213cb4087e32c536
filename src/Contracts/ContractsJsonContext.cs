using System.Text.Json.Serialization;
using LambdaWorkflow.Contracts.Lambda;
using LambdaWorkflow.Contracts.Messages;

namespace LambdaWorkflow.Contracts;

/// <summary>
/// Source-generated JSON metadata for every wire shape of the project. A field given twice is an error, not "last
/// one wins": readers that disagree on which one counts are how hostile messages slip past checks.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowDuplicateProperties = false,
    MaxDepth = 64)]
[JsonSerializable(typeof(StartWorkflow))]
[JsonSerializable(typeof(CallCompleted))]
[JsonSerializable(typeof(CallFailed))]
[JsonSerializable(typeof(TimerFired))]
[JsonSerializable(typeof(EventRaised))]
[JsonSerializable(typeof(CancelRequested))]
[JsonSerializable(typeof(ResumeRequested))]
[JsonSerializable(typeof(CallRequest))]
[JsonSerializable(typeof(CallRequestedEvent))]
[JsonSerializable(typeof(FailureDetails))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
