using System.Text.Json.Serialization;

namespace Approval.Domain;

/// <summary>Source-generated JSON for every payload of the sample and its summary.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ExpenseRequest))]
[JsonSerializable(typeof(ExpenseOutcome))]
[JsonSerializable(typeof(ApprovalDecision))]
[JsonSerializable(typeof(ApprovalNotice))]
[JsonSerializable(typeof(Escalation))]
[JsonSerializable(typeof(RecordDecision))]
[JsonSerializable(typeof(Receipt))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ApprovalSummary))]
public sealed partial class ApprovalJson : JsonSerializerContext;
