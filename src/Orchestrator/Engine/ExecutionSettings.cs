using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Orchestrator.Engine;

/// <summary>What an execution needs from its host: the reply address, limits and logging.</summary>
internal sealed record ExecutionSettings(string ReplyTo, int MaxPayloadBytes, ILogger Logger, int MaxHistoryEvents = 20_000);
