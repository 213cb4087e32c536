using System.Reflection;
using LambdaWorkflow.Contracts;
using OrderFulfillment.Domain;

namespace LambdaWorkflow.UnitTests.Infra;

/// <summary>Every <see cref="ServiceOperation{TRequest,TResponse}"/> the samples declare, found by reflection so that a new one is covered at once.</summary>
internal static class SampleOperations
{
    public static IReadOnlyList<(string Service, string Operation)> All { get; } =
    [
        .. typeof(Inventory).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(ServiceOperation<,>))
            .Select(f => f.GetValue(null)!)
            .Select(op => ((string)op.GetType().GetProperty(nameof(ServiceOperation<int, int>.Service))!.GetValue(op)!,
                           (string)op.GetType().GetProperty(nameof(ServiceOperation<int, int>.Operation))!.GetValue(op)!))
            .Order(),
    ];

    public static IReadOnlyList<string> Services { get; } = [.. All.Select(o => o.Service).Distinct().Order(StringComparer.Ordinal)];
}
