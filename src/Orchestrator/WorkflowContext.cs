using System.Text.Json.Serialization.Metadata;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.Engine;
using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Orchestrator;

/// <summary>
/// What a workflow may use: durable calls, timers and events, and deterministic helpers. Every member gives the
/// same answer on every replay of the same history.
/// </summary>
public abstract class WorkflowContext
{
    /// <summary>What <see cref="GetVersion"/> returns for an instance that ran this code point before the change existed.</summary>
    public const int DefaultVersion = -1;

    private readonly WorkflowExecution _execution;
    private ILogger? _logger;

    private protected WorkflowContext(WorkflowExecution execution) => _execution = execution;

    private protected WorkflowExecution Execution => _execution;

    /// <summary>The instance id.</summary>
    public string InstanceId => _execution.InstanceId;

    /// <summary>The registered workflow name.</summary>
    public string WorkflowName => _execution.WorkflowName;

    /// <summary>How many times this instance continued as new before this run: 0 in its first run.</summary>
    public int Run => _execution.Run;

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

    /// <summary>
    /// Cancelled when someone asks to cancel the instance. Every context operation observes it unless given another
    /// token; pass <see cref="CancellationToken.None"/> to compensation steps that must run regardless.
    /// </summary>
    public CancellationToken CancellationToken => _execution.CancellationToken;

    /// <summary>A new GUID derived from the instance id and a counter: the same on every replay.</summary>
    public Guid NewGuid() => _execution.NewGuid();

    /// <summary>
    /// Calls a service operation. The call is published when the workflow can progress no further in this turn,
    /// together with every other call issued in it; the task completes when the reply arrives.
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <param name="request">The request.</param>
    /// <param name="options">Durable retries and a timeout; null tries once and waits for ever.</param>
    /// <param name="cancellationToken">Stops waiting; null means <see cref="CancellationToken"/>.</param>
    /// <exception cref="CallFailedException">At the <c>await</c>: the service replied with a failure (after the retries).</exception>
    /// <exception cref="CallTimeoutException">At the <c>await</c>: the last attempt timed out.</exception>
    /// <exception cref="PayloadTooLargeException">The request is larger than the configured limit.</exception>
    public Task<TResponse> CallAsync<TRequest, TResponse>(ServiceOperation<TRequest, TResponse> operation, TRequest request, CallOptions? options = null, CancellationToken? cancellationToken = null)
    {
        ArgumentNullException.ThrowIfNull(operation);

        // Null (the workflow's own token) is passed on as null: the engine then needs no token source.
        return options is null or { Retry: null, Timeout: null }
            ? _execution.IssueCall(operation, request, 1, cancellationToken)
            : CallWithOptionsAsync(operation, request, options, cancellationToken ?? CancellationToken);
    }

    /// <summary>
    /// Starts a child workflow and waits for its result. The child is an instance of its own (id
    /// <c>{parentId}:{callNumber}</c> unless given), started with the other work of this turn; cancelling the parent
    /// cancels it.
    /// </summary>
    /// <exception cref="ChildWorkflowFailedException">At the <c>await</c>: the child failed or was cancelled.</exception>
    public Task<TResult> CallWorkflowAsync<TRequest, TResult>(WorkflowDefinition<TRequest, TResult> workflow, TRequest input, string? instanceId = null, CancellationToken? cancellationToken = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return _execution.IssueChild(workflow, input, instanceId, cancellationToken);
    }

    /// <summary>A durable timer: the instance suspends and resumes when it fires, even days later.</summary>
    public Task DelayAsync(TimeSpan delay, CancellationToken? cancellationToken = null) =>
        _execution.IssueTimer(UtcNow + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay), cancellationToken);

    /// <summary>A durable timer that fires at <paramref name="fireAt"/>.</summary>
    public Task CreateTimerAsync(DateTimeOffset fireAt, CancellationToken? cancellationToken = null) =>
        _execution.IssueTimer(fireAt, cancellationToken);

    /// <summary>
    /// Waits for the next external event of <paramref name="name"/> (sent with <c>WorkflowClient.RaiseEventAsync</c>).
    /// An event that arrived before the wait is not lost: it is taken at once.
    /// </summary>
    /// <exception cref="EventTimeoutException">No such event within <paramref name="timeout"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid name (thrown at the call).</exception>
    public Task<T> WaitForEventAsync<T>(string name, TimeSpan? timeout = null, JsonTypeInfo<T>? payloadType = null, CancellationToken? cancellationToken = null)
    {
        Names.EnsureValid(name, nameof(name));
        var type = payloadType ?? PayloadJson.TypeInfo<T>();

        // Without a timeout the wait's own task is the result: no async machinery held while the instance is suspended.
        // Null (the workflow's own token) is passed on as null: the engine then needs no token source.
        return timeout is null
            ? _execution.WaitForEvent(name, type, cancellationToken)
            : WaitWithTimeoutAsync(name, type, timeout.Value, cancellationToken ?? CancellationToken);
    }

    private async Task<T> WaitWithTimeoutAsync<T>(string name, JsonTypeInfo<T> type, TimeSpan timeout, CancellationToken token)
    {
        using var race = CancellationTokenSource.CreateLinkedTokenSource(token);
        var wait = _execution.WaitForEvent(name, type, race.Token);
        if (wait.IsCompleted)
        {
            return await wait.ConfigureAwait(true);
        }

        var timer = _execution.IssueTimer(UtcNow + timeout, race.Token);
        var first = await Task.WhenAny(wait, timer).ConfigureAwait(true);
        race.Cancel(); // the loser stops waiting; a late timer or event is then ignored or kept for the next wait
        if (first == timer && timer.IsCompletedSuccessfully)
        {
            throw new EventTimeoutException(name, timeout);
        }

        return await wait.ConfigureAwait(true);
    }

    /// <summary>
    /// Lets deployed code change while old instances finish on the old path: returns the version recorded for
    /// <paramref name="changeId"/>, <see cref="DefaultVersion"/> for an instance that passed this point before the
    /// change, or <paramref name="maxSupported"/> (recorded) for code running for the first time.
    /// </summary>
    public int GetVersion(string changeId, int minSupported, int maxSupported)
    {
        Names.EnsureValid(changeId, nameof(changeId));
        return _execution.GetVersion(changeId, minSupported, maxSupported);
    }

    /// <summary>Publishes a small status (at most 16 KB) that clients read from the metadata without replay.</summary>
    public void SetCustomStatus<T>(T status, JsonTypeInfo<T>? statusType = null) =>
        _execution.SetCustomStatus(JsonPayload.From(status, statusType ?? PayloadJson.TypeInfo<T>()));

    private async Task<TResponse> CallWithOptionsAsync<TRequest, TResponse>(ServiceOperation<TRequest, TResponse> operation, TRequest request, CallOptions options, CancellationToken token)
    {
        var policy = options.Retry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AttemptAsync(operation, request, attempt, options.Timeout, token).ConfigureAwait(true);
            }
            catch (Exception ex) when (policy is not null && attempt < policy.MaxAttempts && !token.IsCancellationRequested && policy.ShouldRetry(ex))
            {
                await DelayAsync(policy.DelayAfter(attempt), token).ConfigureAwait(true);
            }
        }
    }

    private async Task<TResponse> AttemptAsync<TRequest, TResponse>(ServiceOperation<TRequest, TResponse> operation, TRequest request, int attempt, TimeSpan? timeout, CancellationToken token)
    {
        if (timeout is null)
        {
            return await _execution.IssueCall(operation, request, attempt, token).ConfigureAwait(true);
        }

        using var race = CancellationTokenSource.CreateLinkedTokenSource(token);
        var call = _execution.IssueCall(operation, request, attempt, race.Token);
        var timer = _execution.IssueTimer(UtcNow + timeout.Value, race.Token);
        var first = await Task.WhenAny(call, timer).ConfigureAwait(true);
        race.Cancel(); // the loser stops waiting; its late outcome is ignored
        if (first == timer && timer.IsCompletedSuccessfully)
        {
            throw new CallTimeoutException(operation.ToString(), attempt, timeout.Value);
        }

        return await call.ConfigureAwait(true);
    }
}

/// <summary>The context of a workflow with input <typeparamref name="TRequest"/>.</summary>
/// <typeparam name="TRequest">The workflow's input.</typeparam>
public sealed class WorkflowContext<TRequest> : WorkflowContext
{
    private readonly JsonTypeInfo<TRequest> _requestType;

    internal WorkflowContext(WorkflowExecution execution, TRequest request, JsonTypeInfo<TRequest> requestType)
        : base(execution)
    {
        Request = request;
        _requestType = requestType;
    }

    /// <summary>The workflow's input.</summary>
    public TRequest Request { get; }

    /// <summary>
    /// Ends this run and starts the workflow again on the same instance with <paramref name="newInput"/> and an empty
    /// history, so a loop that runs for months keeps its history short. The instance keeps its id, its parent and its
    /// custom status; external events and a cancellation request that this run received but did not consume are
    /// handed to the next run. Calls, timers and children that this run issued and did not await are abandoned: their
    /// late results are ignored, and children are asked to cancel.
    /// </summary>
    /// <exception cref="ContinueAsNewException">Always: it unwinds the workflow; let it propagate.</exception>
    /// <exception cref="PayloadTooLargeException">The new input is over the configured payload limit.</exception>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public void ContinueAsNew(TRequest newInput)
    {
        Execution.ContinueAsNew(JsonPayload.From(newInput, _requestType));
        throw new ContinueAsNewException(InstanceId, Run + 1);
    }
}
