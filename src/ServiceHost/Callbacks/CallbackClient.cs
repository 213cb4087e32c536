using LambdaWorkflow.Contracts;
using LambdaWorkflow.ServiceHost.Idempotency;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LambdaWorkflow.ServiceHost.Callbacks;

/// <summary>
/// Completes pending calls from anywhere (a webhook, another queue's consumer, an operator tool), the way Step
/// Functions' <c>SendTaskSuccess</c>/<c>SendTaskFailure</c>/<c>SendTaskHeartbeat</c> complete task tokens. It needs the
/// service's signing key, its idempotency store and a reply sender that reaches the caller's inbox.
/// </summary>
/// <remarks>
/// Safe to repeat: the first completion wins and later ones return <see cref="CallbackStatus.AlreadyCompleted"/>
/// after sending the recorded answer again (so a completion that failed half-way is finished by its retry). When the
/// send fails the method throws; call it again.
/// </remarks>
public sealed class CallbackClient
{
    private readonly CallbackTokenCodec _codec;
    private readonly CallbackCloser _closer;
    private readonly ILogger _logger;

    /// <summary>Creates a client over the same options as the service's dispatcher.</summary>
    /// <param name="replySender">Sends the answer to the caller's inbox.</param>
    /// <param name="options">Uses <see cref="ServiceDispatcherOptions.Idempotency"/> (a store is required), <see cref="ServiceDispatcherOptions.Callbacks"/> (a signing key is required) and the clock.</param>
    /// <param name="logger">Logger; null for none.</param>
    /// <exception cref="ArgumentException">No store or no valid signing key is configured.</exception>
    public CallbackClient(IReplySender replySender, ServiceDispatcherOptions options, ILogger<CallbackClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(replySender);
        ArgumentNullException.ThrowIfNull(options);
        var store = options.Idempotency.Store
            ?? throw new ArgumentException("Callbacks need an idempotency store (ServiceDispatcherOptions.Idempotency.Store), where pending calls are recorded.", nameof(options));
        options.Idempotency.Validate();
        options.Callbacks.Validate();
        _codec = CallbackTokenCodec.Create(options.Callbacks);
        _closer = new CallbackCloser(new IdempotencyGuard(store, options.TimeProvider, options.Idempotency.Retention), replySender);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Completes a pending call with a typed response.</summary>
    /// <param name="operation">The operation the token belongs to; checked against the token.</param>
    /// <param name="token">The callback token the handler handed out.</param>
    /// <param name="result">The response.</param>
    /// <param name="cancellationToken">Cancels the store and the send.</param>
    /// <exception cref="InvalidCallbackTokenException">The token is invalid, or belongs to another operation.</exception>
    public Task<CallbackStatus> CompleteCallAsync<TRequest, TResponse>(
        ServiceOperation<TRequest, TResponse> operation, string token, TResponse result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var payload = Decode(token);
        if (!string.Equals(payload.Service, operation.Service, StringComparison.Ordinal) || !string.Equals(payload.Operation, operation.Operation, StringComparison.Ordinal))
        {
            throw new InvalidCallbackTokenException($"The callback token is for {payload.Service}.{payload.Operation}, not {operation}.");
        }

        return CloseAsync(payload, CallbackCloser.Completed(payload, JsonPayload.From(result, operation.ResponseType)), cancellationToken);
    }

    /// <summary>Completes a pending call with a response already serialized as JSON.</summary>
    /// <param name="token">The callback token the handler handed out.</param>
    /// <param name="result">The response as JSON.</param>
    /// <param name="cancellationToken">Cancels the store and the send.</param>
    /// <exception cref="InvalidCallbackTokenException">The token is invalid.</exception>
    public Task<CallbackStatus> CompleteCallAsync(string token, JsonPayload result, CancellationToken cancellationToken = default)
    {
        if (result.IsEmpty)
        {
            throw new ArgumentException("The result is empty; pass JsonPayload.Null for a null response.", nameof(result));
        }

        var payload = Decode(token);
        return CloseAsync(payload, CallbackCloser.Completed(payload, result), cancellationToken);
    }

    /// <summary>Fails a pending call; the workflow sees a failed call with this error.</summary>
    /// <param name="token">The callback token the handler handed out.</param>
    /// <param name="errorType">The error's type as the workflow sees it, such as <c>ApprovalRejected</c>.</param>
    /// <param name="message">A human-readable message.</param>
    /// <param name="cancellationToken">Cancels the store and the send.</param>
    /// <exception cref="InvalidCallbackTokenException">The token is invalid.</exception>
    public Task<CallbackStatus> FailCallAsync(string token, string errorType, string message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorType);
        ArgumentNullException.ThrowIfNull(message);
        var payload = Decode(token);
        return CloseAsync(payload, CallbackCloser.Failed(payload, new FailureDetails(errorType, message)), cancellationToken);
    }

    /// <summary>Says the work behind a pending call is still going: restarts its heartbeat clock (not its overall timeout).</summary>
    /// <param name="token">The callback token the handler handed out.</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns><see cref="CallbackStatus.Accepted"/>, or why the heartbeat came too late.</returns>
    /// <exception cref="InvalidCallbackTokenException">The token is invalid.</exception>
    public async Task<CallbackStatus> HeartbeatAsync(string token, CancellationToken cancellationToken = default)
    {
        var payload = Decode(token);
        var status = await _closer.HeartbeatAsync(payload, cancellationToken).ConfigureAwait(false);
        if (status != CallbackStatus.Accepted)
        {
            Log.CallbackLate(_logger, payload.CallId, "heartbeat", status.ToString());
        }

        return status;
    }

    private async Task<CallbackStatus> CloseAsync(CallbackTokenPayload payload, Contracts.Messages.InboxMessage answer, CancellationToken cancellationToken)
    {
        var result = await _closer.CloseAsync(payload, answer, cancellationToken).ConfigureAwait(false);
        var status = result.Status ?? CallbackStatus.Accepted;
        if (status == CallbackStatus.Accepted)
        {
            Log.CallbackCompleted(_logger, payload.Service, payload.Operation, payload.CallId, answer.Type);
        }
        else
        {
            Log.CallbackLate(_logger, payload.CallId, answer.Type, status.ToString());
        }

        return status;
    }

    private CallbackTokenPayload Decode(string token)
    {
        try
        {
            return _codec.Decode(token);
        }
        catch (InvalidCallbackTokenException ex)
        {
            Log.InvalidCallbackToken(_logger, ex.Message);
            throw;
        }
    }
}
