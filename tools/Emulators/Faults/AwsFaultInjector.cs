using System.Net;

namespace LambdaWorkflow.Emulators;

/// <summary>
/// Answers chosen AWS requests with an error before they reach the emulator, as the service would when it throttles
/// or fails: the real SDK client parses the answer, retries it or throws, exactly as against AWS. It can also hold a
/// request back for a while, as a slow network or a paused Lambda would. Plug
/// <see cref="CreateHandler"/> in under a client (for example as the inner handler of an
/// <c>AwsRequestMeter.CreateHttpClientFactory</c>, so the meter counts the failed attempts too).
/// </summary>
public sealed class AwsFaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<WireFault> _faults = [];
    private long _injected;

    /// <summary>Requests answered with an injected error, or held back, so far.</summary>
    public long Injected => Interlocked.Read(ref _injected);

    /// <summary>
    /// Fails the next <paramref name="times"/> requests of <paramref name="operation"/> (the part of
    /// <c>X-Amz-Target</c> after the dot, such as <c>PutItem</c>) with an AWS JSON error answer.
    /// </summary>
    public void FailNext(string operation, int times, HttpStatusCode status, string errorType, string message = "Injected failure")
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        ArgumentException.ThrowIfNullOrEmpty(errorType);
        lock (_gate)
        {
            _faults.Add(new WireFault(operation, status, errorType, message) { Remaining = times });
        }
    }

    /// <summary>
    /// Holds back one request of <paramref name="operation"/> (the one after the next <paramref name="skip"/>, which
    /// pass unchanged) until <paramref name="releaseAfter"/> later requests of that operation have been answered, then
    /// sends it on: a stalled caller whose work someone else finishes first. Released anyway after
    /// <paramref name="timeout"/> (default 10 s), so a test that goes wrong fails instead of hanging.
    /// </summary>
    public void HoldNext(string operation, int skip = 0, int releaseAfter = 1, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(releaseAfter, 1);
        lock (_gate)
        {
            _faults.Add(new WireFault(operation, default, ErrorType: null, Message: string.Empty)
            {
                Remaining = 1,
                Skip = skip,
                Hold = new HeldRequest(releaseAfter, timeout ?? TimeSpan.FromSeconds(10)),
            });
        }
    }

    /// <summary>Throttles the next <paramref name="times"/> DynamoDB requests of <paramref name="operation"/>, as a hot partition does.</summary>
    public void ThrottleDynamoDb(string operation, int times) =>
        FailNext(operation, times, HttpStatusCode.BadRequest, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
            "The level of configured provisioned throughput for the table was exceeded.");

    /// <summary>A handler that injects the faults and sends everything else on to a new <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler CreateHandler() => new FaultInjectingHandler(this, new SocketsHttpHandler());

    /// <summary>The fault for this request, if one is pending; one use of it is spent.</summary>
    internal WireFault? Take(HttpRequestMessage request)
    {
        if (OperationOf(request) is not { } operation)
        {
            return null;
        }

        lock (_gate)
        {
            foreach (var fault in _faults)
            {
                if (fault.Remaining > 0 && string.Equals(fault.Operation, operation, StringComparison.Ordinal))
                {
                    if (fault.Skip > 0)
                    {
                        fault.Skip--;
                        return null;
                    }

                    fault.Remaining--;
                    fault.Hold?.Start();
                    Interlocked.Increment(ref _injected);
                    return fault;
                }
            }
        }

        return null;
    }

    /// <summary>Counts a request that was sent on unchanged and answered, towards releasing the held ones.</summary>
    internal void Answered(HttpRequestMessage request)
    {
        if (OperationOf(request) is not { } operation)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var fault in _faults)
            {
                if (fault.Hold is { IsHolding: true } hold && string.Equals(fault.Operation, operation, StringComparison.Ordinal))
                {
                    hold.CountAnswered();
                }
            }
        }
    }

    private static string? OperationOf(HttpRequestMessage request) =>
        request.Headers.TryGetValues("X-Amz-Target", out var values) && values.FirstOrDefault() is { } target
            ? target[(target.LastIndexOf('.') + 1)..]
            : null;
}
