using LambdaWorkflow.Orchestrator;

namespace OrderFulfillment.Domain;

/// <summary>
/// Reserve stock and charge the card in parallel, then ship. When a step fails, undo what succeeded:
/// release the stock, refund the payment.
/// </summary>
public sealed class OrderWorkflow : IWorkflow<OrderRequest, OrderResult>
{
    public async Task<OrderResult> RunAsync(WorkflowContext<OrderRequest> context)
    {
        var ctx = context;
        var order = ctx.Request;
        var reserve = ctx.CallAsync(Inventory.Reserve, new ReserveStock(order.OrderId, order.Sku, order.Quantity));
        var charge = ctx.CallAsync(Payments.Charge, new ChargeCard(order.OrderId, order.Customer, order.Amount));
        try
        {
            await Task.WhenAll(reserve, charge);
        }
        catch (CallFailedException)
        {
            // Both calls have finished here; look at each one below.
        }

        if (!reserve.IsCompletedSuccessfully || !charge.IsCompletedSuccessfully)
        {
            var reason = Failure(reserve) ?? Failure(charge);
            await UndoAsync(ctx, reserve.IsCompletedSuccessfully ? reserve.Result : null, charge.IsCompletedSuccessfully ? charge.Result : null);
            return new OrderResult(order.OrderId, OrderOutcome.Compensated, null, reason);
        }

        try
        {
            var shipment = await ctx.CallAsync(Shipping.Ship, new ShipOrder(order.OrderId, reserve.Result.ReservationId));
            SampleLog.Shipped(ctx.Logger, order.OrderId, shipment.TrackingNumber);
            return new OrderResult(order.OrderId, OrderOutcome.Completed, shipment.TrackingNumber, null);
        }
        catch (CallFailedException ex)
        {
            await UndoAsync(ctx, reserve.Result, charge.Result);
            return new OrderResult(order.OrderId, OrderOutcome.Compensated, null, ex.ErrorType);
        }
    }

    private static async Task UndoAsync(WorkflowContext ctx, Reservation? reservation, Payment? payment)
    {
        var undo = new List<Task>(2);
        if (reservation is not null)
        {
            undo.Add(ctx.CallAsync(Inventory.Release, new ReleaseStock(reservation.ReservationId)));
        }

        if (payment is not null)
        {
            undo.Add(ctx.CallAsync(Payments.Refund, new RefundPayment(payment.PaymentId, payment.Amount)));
        }

        await Task.WhenAll(undo);
    }

    private static string? Failure(Task task) =>
        task.Exception?.InnerException is CallFailedException failed ? failed.ErrorType : null;
}
