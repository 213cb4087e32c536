using LambdaWorkflow.Aws.Sqs;
using LambdaWorkflow.Orchestrator;
using LambdaWorkflow.Orchestrator.Publishing;
using LambdaWorkflow.Orchestrator.State;

namespace LambdaWorkflow.Aws.Lambda;

/// <summary>What an orchestrator function's configuration hook supplies; the function adds the inbox and dead-letter queue from the environment.</summary>
public sealed class OrchestratorComponents
{
    /// <summary>The workflows the function runs.</summary>
    public required WorkflowRegistry Registry { get; init; }

    /// <summary>Instance state, such as the DynamoDB store on <see cref="LambdaEnvironment.TableName"/>.</summary>
    public required IWorkflowStateStore Store { get; init; }

    /// <summary>Where call commands go, such as the EventBridge publisher on <see cref="LambdaEnvironment.EventBusName"/>.</summary>
    public required ICommandPublisher Publisher { get; init; }

    /// <summary>Orchestrator settings; its <see cref="OrchestratorOptions.LoggerFactory"/> also logs the function and the SQS adapters. Null for defaults.</summary>
    public OrchestratorOptions? Options { get; init; }

    /// <summary>Settings of the dead-letter sink (retries, request counter); null for defaults.</summary>
    public SqsAdapterOptions? Sqs { get; init; }
}
