using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator;

namespace OrderFulfillment.Domain;

/// <summary>The inventory service's operations.</summary>
public static class Inventory
{
    public static readonly ServiceOperation<ReserveStock, Reservation> Reserve = new("inventory", "reserve", SampleJson.Default.ReserveStock, SampleJson.Default.Reservation);
    public static readonly ServiceOperation<ReleaseStock, Done> Release = new("inventory", "release", SampleJson.Default.ReleaseStock, SampleJson.Default.Done);
}

/// <summary>The payments service's operations.</summary>
public static class Payments
{
    public static readonly ServiceOperation<ChargeCard, Payment> Charge = new("payments", "charge", SampleJson.Default.ChargeCard, SampleJson.Default.Payment);
    public static readonly ServiceOperation<RefundPayment, Done> Refund = new("payments", "refund", SampleJson.Default.RefundPayment, SampleJson.Default.Done);
}

/// <summary>The shipping service's operations.</summary>
public static class Shipping
{
    public static readonly ServiceOperation<ShipOrder, Shipment> Ship = new("shipping", "ship", SampleJson.Default.ShipOrder, SampleJson.Default.Shipment);
}

/// <summary>The workflows of the sample.</summary>
public static class Workflows
{
    public static readonly WorkflowDefinition<OrderRequest, OrderResult> Order = new("order-fulfillment", SampleJson.Default.OrderRequest, SampleJson.Default.OrderResult);
}
