using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace LambdaWorkflow.Local.Queues;

/// <summary>The queues of one embedded runtime, addressed by name. Thread-safe.</summary>
/// <param name="timeProvider">The clock every queue of the registry uses.</param>
public sealed class LocalQueueRegistry(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, LocalQueue> _queues = new(StringComparer.Ordinal);
    private readonly Lock _createLock = new();

    /// <summary>The clock the queues use.</summary>
    public TimeProvider TimeProvider { get; } = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    /// <summary>The queues created so far.</summary>
    public IReadOnlyCollection<LocalQueue> Queues => [.. _queues.Values];

    /// <summary>Creates a queue.</summary>
    /// <param name="name">A name not used yet in this registry.</param>
    /// <param name="options">The queue settings; defaults when <see langword="null"/>.</param>
    /// <param name="deadLetterQueueName">The name of an existing queue to use as dead-letter queue.</param>
    /// <exception cref="InvalidOperationException">A queue with this name exists.</exception>
    /// <exception cref="KeyNotFoundException">The dead-letter queue does not exist.</exception>
    public LocalQueue CreateQueue(string name, LocalQueueOptions? options = null, string? deadLetterQueueName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_createLock)
        {
            if (_queues.ContainsKey(name))
            {
                throw new InvalidOperationException($"Queue '{name}' already exists.");
            }

            var deadLetterQueue = deadLetterQueueName is null ? null : GetQueue(deadLetterQueueName);
            var queue = new LocalQueue(name, options ?? new LocalQueueOptions(), TimeProvider, deadLetterQueue);
            _queues[name] = queue;
            return queue;
        }
    }

    /// <summary>The queue with this name.</summary>
    /// <exception cref="KeyNotFoundException">No queue has this name; the message names it and the known queues.</exception>
    public LocalQueue GetQueue(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_queues.TryGetValue(name, out var queue))
        {
            return queue;
        }

        string known = _queues.IsEmpty ? "none" : string.Join(", ", _queues.Keys.Order(StringComparer.Ordinal));
        throw new KeyNotFoundException($"No local queue named '{name}'. Known queues: {known}.");
    }

    /// <summary>Looks up a queue by name.</summary>
    public bool TryGetQueue(string name, [NotNullWhen(true)] out LocalQueue? queue)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _queues.TryGetValue(name, out queue);
    }
}
