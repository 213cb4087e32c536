using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.Engine;
using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Orchestrator;

/// <summary>
/// What a workflow may use: durable calls and deterministic helpers. Every member gives the same answer on
/// every replay of the same history.
/// </summary>
public abstract class WorkflowContext
{
    private readonly WorkflowExecution _execution;
    private ILogger? _logger;

    private protected WorkflowContext(WorkflowExecution execution) => _execution = execution;

    /// <summary>The instance id.</summary>
    public string InstanceId => _execution.InstanceId;

    /// <summary>The registered workflow name.</summary>
    public string WorkflowName => _execution.WorkflowName;

    /// <summary>
    /// The workflow's current time: when the event it is reacting to was sent. Use it instead of
    /// <see cref="DateTimeOffset.UtcNow"/>, which would differ on replay.
    /// </summary>
    public DateTimeOffset UtcNow => _execution.UtcNow;

    /// <summary>True while the workflow re-executes code that already ran in an earlier turn.</summary>
    public bool IsReplaying => _execution.IsReplaying;

    /// <summary>A logger that writes each line once, not again on replay.</summary>
    public ILogger Logger => _logger ??= _execution.CreateLogger();

    /// <summary>Random numbers seeded from the instance id: the same sequence on every replay.</summary>
    public Random Random => _execution.Random;

    /// <summary>A new GUID derived from the instance id and a counter: the same on every replay.</summary>
    public Guid NewGuid() => _execution.NewGuid();

    /// <summary>
    /// Calls a service operation. The call is published when the workflow can progress no further in this turn,
    /// together with every other call issued in it; the task completes when the reply arrives (in a later turn,
    /// or at once from history on replay).
    /// </summary>
    /// <exception cref="CallFailedException">At the <c>await</c>: the service replied with a failure.</exception>
    /// <exception cref="PayloadTooLargeException">The request is larger than the configured limit.</exception>
    public Task<TResponse> CallAsync<TRequest, TResponse>(ServiceOperation<TRequest, TResponse> operation, TRequest request)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return _execution.IssueCall(operation, request);
    }
}

/// <summary>The context of a workflow with input <typeparamref name="TRequest"/>.</summary>
/// <typeparam name="TRequest">The workflow's input.</typeparam>
public sealed class WorkflowContext<TRequest> : WorkflowContext
{
    internal WorkflowContext(WorkflowExecution execution, TRequest request)
        : base(execution) => Request = request;

    /// <summary>The workflow's input.</summary>
    public TRequest Request { get; }
}
