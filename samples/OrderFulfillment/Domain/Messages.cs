namespace OrderFulfillment.Domain;

/// <summary>An order to fulfil.</summary>
public sealed record OrderRequest(string OrderId, string Sku, int Quantity, decimal Amount, string Customer);

/// <summary>How an order ended.</summary>
public sealed record OrderResult(string OrderId, OrderOutcome Outcome, string? TrackingNumber, string? Reason);

/// <summary>The outcome of an order.</summary>
public enum OrderOutcome
{
    /// <summary>Reserved, charged and shipped.</summary>
    Completed,

    /// <summary>A step failed; what had been done was undone (stock released, payment refunded).</summary>
    Compensated,
}

public sealed record ReserveStock(string OrderId, string Sku, int Quantity);

public sealed record Reservation(string ReservationId, string Sku, int Quantity);

public sealed record ReleaseStock(string ReservationId);

public sealed record ChargeCard(string OrderId, string Customer, decimal Amount);

public sealed record Payment(string PaymentId, decimal Amount);

public sealed record RefundPayment(string PaymentId, decimal Amount);

public sealed record ShipOrder(string OrderId, string ReservationId);

public sealed record Shipment(string TrackingNumber);

public sealed record Done(bool Ok);
