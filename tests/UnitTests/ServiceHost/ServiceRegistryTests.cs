using LambdaWorkflow.ServiceHost;

namespace LambdaWorkflow.UnitTests.ServiceHost;

public sealed class ServiceRegistryTests
{
    [Fact]
    public void Map_SameOperationTwice_ThrowsNamingIt()
    {
        var registry = new ServiceRegistry().Map(Inventory.Reserve, (request, _, _) => CallMessages.Reserve(request));

        var ex = Assert.Throws<InvalidOperationException>(() =>
            registry.Map(Inventory.Reserve, (request, _, _) => CallMessages.Reserve(request)));

        Assert.Contains("'reserve'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'inventory'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, registry.Count);
    }

    [Fact]
    public void Map_OperationsOfOneService_AreMappedSeparately()
    {
        var registry = new ServiceRegistry()
            .Map(Inventory.Reserve, (request, _, _) => CallMessages.Reserve(request))
            .Map(Inventory.Release, (request, _, _) => CallMessages.Reserve(request));

        Assert.Equal(2, registry.Count);
        Assert.True(registry.IsMapped("inventory", "reserve"));
        Assert.True(registry.IsMapped("inventory", "release"));
        Assert.False(registry.IsMapped("inventory", "restock"));
        Assert.False(registry.IsMapped("Inventory", "reserve"));
    }

    [Fact]
    public void Map_InvalidRetryOptions_Throws()
    {
        var retry = new ServiceRetryOptions { BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(1) };

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ServiceRegistry().Map(Inventory.Reserve, (request, _, _) => CallMessages.Reserve(request), retry));
    }
}
