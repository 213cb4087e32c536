using LambdaWorkflow.Local.Queues;
using Microsoft.Extensions.Time.Testing;

namespace LambdaWorkflow.UnitTests.Queues;

public sealed class LocalQueueRegistryTests
{
    private readonly LocalQueueRegistry _registry = new(new FakeTimeProvider());

    [Fact]
    public void GetQueue_AfterCreateQueue_ReturnsSameQueue()
    {
        var created = _registry.CreateQueue("inventory");

        Assert.Same(created, _registry.GetQueue("inventory"));
        Assert.True(_registry.TryGetQueue("inventory", out var found));
        Assert.Same(created, found);
    }

    [Fact]
    public void GetQueue_UnknownName_ThrowsNamingTheQueue()
    {
        _registry.CreateQueue("inventory");

        var error = Assert.Throws<KeyNotFoundException>(() => _registry.GetQueue("payments"));

        Assert.Contains("'payments'", error.Message, StringComparison.Ordinal);
        Assert.Contains("inventory", error.Message, StringComparison.Ordinal);
        Assert.False(_registry.TryGetQueue("payments", out _));
    }

    [Fact]
    public void CreateQueue_NameTaken_Throws()
    {
        _registry.CreateQueue("inventory");

        var error = Assert.Throws<InvalidOperationException>(() => _registry.CreateQueue("inventory"));
        Assert.Contains("'inventory'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateQueue_WithDeadLetterQueueName_LinksIt()
    {
        var deadLetters = _registry.CreateQueue("inventory-dlq");

        var queue = _registry.CreateQueue("inventory", new LocalQueueOptions { MaxReceiveCount = 5 }, "inventory-dlq");

        Assert.Same(deadLetters, queue.DeadLetterQueue);
        Assert.Equal(2, _registry.Queues.Count);
    }

    [Fact]
    public void CreateQueue_UnknownDeadLetterQueue_ThrowsAndCreatesNothing()
    {
        Assert.Throws<KeyNotFoundException>(() => _registry.CreateQueue("inventory", new LocalQueueOptions { MaxReceiveCount = 5 }, "missing"));
        Assert.Empty(_registry.Queues);
    }

    [Fact]
    public void CreateQueue_InvalidOptions_ThrowsAndCreatesNothing()
    {
        Assert.Throws<ArgumentException>(() => _registry.CreateQueue("inbox", new LocalQueueOptions { Fifo = true }));
        Assert.False(_registry.TryGetQueue("inbox", out _));
    }
}
