using LambdaWorkflow.ServiceHost;
using OrderFulfillment.Domain;
using OrderFulfillment.Services;

namespace LambdaWorkflow.Simulation;

/// <summary>The sample's services without latency: business failures from the seeded plan, each execution in the ledger.</summary>
public static class SimulatedServices
{
    public static ServiceRegistry Register(FailurePlan plan, SideEffectLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new ServiceRegistry()
            .Map(Inventory.Reserve, (r, c, _) => Run(ledger, plan, c, "OutOfStock", plan.Options.OutOfStockRate, () => new Reservation("res-" + r.OrderId, r.Sku, r.Quantity)))
            .Map(Inventory.Release, (_, c, _) => Run(ledger, plan, c, null, 0, () => new Done(true)))
            .Map(Payments.Charge, (r, c, _) => Run(ledger, plan, c, "PaymentDeclined", plan.Options.PaymentDeclineRate, () => new Payment("pay-" + r.OrderId, r.Amount)))
            .Map(Payments.Refund, (_, c, _) => Run(ledger, plan, c, null, 0, () => new Done(true)))
            .Map(Shipping.Ship, (r, c, _) => Run(ledger, plan, c, "CarrierUnavailable", plan.Options.ShippingFailureRate, () => new Shipment("TRK-" + r.OrderId)));
    }

    private static Task<T> Run<T>(SideEffectLedger ledger, FailurePlan plan, ServiceCallContext context, string? error, double rate, Func<T> answer)
    {
        ledger.Record(context.CallId);
        return error is not null && plan.Fails(context.CallId, error, rate)
            ? Task.FromException<T>(new ServiceException(error, context.Operation + " refused"))
            : Task.FromResult(answer());
    }
}
