using LambdaWorkflow.Contracts;

namespace LambdaWorkflow.UnitTests.Engine;

internal sealed record Item(string Name, int Quantity);

internal static class TestOperations
{
    public static readonly ServiceOperation<string, string> Echo = new("echo", "say");
    public static readonly ServiceOperation<int, int> Double = new("math", "double");
    public static readonly ServiceOperation<int, int> Square = new("math", "square");
    public static readonly ServiceOperation<Item, Item> Reserve = new("inventory", "reserve");
    public static readonly ServiceOperation<string, string> Fail = new("broken", "fail");
}
