using LambdaWorkflow.Orchestrator;

namespace OrderFulfillment.Targets;

/// <summary>A running deployment of the sample: a client to start and watch orders, and what it counted.</summary>
internal interface IRunTarget : IAsyncDisposable
{
    /// <summary>Starts orders and reads their status.</summary>
    WorkflowClient Client { get; }

    /// <summary>Call results the orchestrator applied so far.</summary>
    long StepsApplied { get; }

    /// <summary>Messages that were handed back for redelivery.</summary>
    long Redeliveries { get; }

    /// <summary>Stops processing; what is in progress finishes.</summary>
    Task StopAsync();

    /// <summary>Messages set aside as dead letters, read after <see cref="StopAsync"/>.</summary>
    Task<long> CountDeadLettersAsync(CancellationToken cancellationToken);

    /// <summary>Every AWS request made, by kind, with PutEvents entries and capacity units; null when nothing ran on AWS APIs.</summary>
    IReadOnlyDictionary<string, double>? AwsRequests { get; }

    /// <summary>Requests of the sample itself watching the orders (status reads, queue depths); null when not on AWS APIs.</summary>
    long? ObserverRequests { get; }
}
