using System.Text.Json.Serialization;

namespace OrderFulfillment.Domain;

/// <summary>Source-generated JSON for every payload of the sample: no reflection on the replay path.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(OrderRequest))]
[JsonSerializable(typeof(OrderResult))]
[JsonSerializable(typeof(ReserveStock))]
[JsonSerializable(typeof(Reservation))]
[JsonSerializable(typeof(ReleaseStock))]
[JsonSerializable(typeof(ChargeCard))]
[JsonSerializable(typeof(Payment))]
[JsonSerializable(typeof(RefundPayment))]
[JsonSerializable(typeof(ShipOrder))]
[JsonSerializable(typeof(Shipment))]
[JsonSerializable(typeof(Done))]
[JsonSerializable(typeof(SampleSummary))]
public sealed partial class SampleJson : JsonSerializerContext;
