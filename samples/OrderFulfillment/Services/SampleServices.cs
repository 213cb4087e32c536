using LambdaWorkflow.ServiceHost;
using OrderFulfillment.Domain;

namespace OrderFulfillment.Services;

/// <summary>
/// The sample's inventory, payments and shipping services: slow and failing as the plan says. Transient failures
/// are retried by the service host's Polly pipeline; business failures are permanent and reach the workflow.
/// </summary>
public sealed class SampleServices(FailurePlan plan)
{
    private long _handlerRuns;
    private long _retries;

    /// <summary>Handler executions, retries included.</summary>
    public long HandlerRuns => Interlocked.Read(ref _handlerRuns);

    /// <summary>Executions that were retries of a transient failure.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    public ServiceRegistry Register(ServiceRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .Map(Inventory.Reserve, (request, context, ct) => RunAsync(context, "OutOfStock", plan.Options.OutOfStockRate, () => new Reservation("res-" + request.OrderId, request.Sku, request.Quantity), ct))
            .Map(Inventory.Release, (request, context, ct) => RunAsync(context, null, 0, () => new Done(true), ct))
            .Map(Payments.Charge, (request, context, ct) => RunAsync(context, "PaymentDeclined", plan.Options.PaymentDeclineRate, () => new Payment("pay-" + request.OrderId, request.Amount), ct))
            .Map(Payments.Refund, (request, context, ct) => RunAsync(context, null, 0, () => new Done(true), ct))
            .Map(Shipping.Ship, (request, context, ct) => RunAsync(context, "CarrierUnavailable", plan.Options.ShippingFailureRate, () => new Shipment("TRK-" + request.OrderId), ct));
    }

    private async Task<T> RunAsync<T>(ServiceCallContext context, string? businessError, double businessRate, Func<T> answer, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _handlerRuns);
        if (context.ExecutionAttempt > 1)
        {
            Interlocked.Increment(ref _retries);
        }

        await Task.Delay(plan.Latency(context.CallId, context.ExecutionAttempt), cancellationToken).ConfigureAwait(false);
        if (plan.TransientFailure(context.CallId, context.ExecutionAttempt))
        {
            throw new ServiceException("Timeout", $"{context.Service} timed out", isTransient: true);
        }

        if (businessError is not null && plan.Fails(context.CallId, businessError, businessRate))
        {
            throw new ServiceException(businessError, $"{context.Operation} refused: {businessError}");
        }

        return answer();
    }
}
