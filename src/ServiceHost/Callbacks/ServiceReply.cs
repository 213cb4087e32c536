namespace LambdaWorkflow.ServiceHost.Callbacks;

/// <summary>A handler's answer: a response now, or "pending" until its callback token is completed.</summary>
/// <typeparam name="TResponse">The response payload.</typeparam>
public sealed class ServiceReply<TResponse>
{
    private readonly TResponse? _response;

    internal ServiceReply(TResponse? response, CallbackToken? callback)
    {
        _response = response;
        Callback = callback;
    }

    /// <summary>The callback token of a pending answer; null when the response is here.</summary>
    public CallbackToken? Callback { get; }

    /// <summary>True when the call completes later, through <see cref="Callback"/>.</summary>
    public bool IsPending => Callback is not null;

    /// <summary>The response.</summary>
    /// <exception cref="InvalidOperationException">The answer is pending.</exception>
    public TResponse Response => IsPending
        ? throw new InvalidOperationException($"Call {Callback!.CallId} is pending on its callback token; it has no response yet.")
        : _response!;

    /// <summary>Answers now with <paramref name="response"/> (see <see cref="ServiceReply.Completed{TResponse}"/>).</summary>
    public static implicit operator ServiceReply<TResponse>(TResponse response) => new(response, null);
}

/// <summary>Creates <see cref="ServiceReply{TResponse}"/> answers.</summary>
public static class ServiceReply
{
    /// <summary>Answers now.</summary>
    public static ServiceReply<TResponse> Completed<TResponse>(TResponse response) => new(response, null);

    /// <summary>Answers later: the call completes when <paramref name="callback"/> is completed, failed, or times out.</summary>
    public static ServiceReply<TResponse> Pending<TResponse>(CallbackToken callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new ServiceReply<TResponse>(default, callback);
    }
}
