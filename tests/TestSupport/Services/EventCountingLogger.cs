using System.Collections.Concurrent;
using LambdaWorkflow.ServiceHost;
using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.TestSupport.Services;

/// <summary>Counts log entries by event id, and keeps the messages of warnings and errors.</summary>
public sealed class EventCountingLogger : ILogger<ServiceDispatcher>
{
    private readonly ConcurrentDictionary<int, int> _counts = new();
    private readonly ConcurrentQueue<string> _problems = new();

    /// <summary>Warnings and errors, formatted.</summary>
    public IReadOnlyCollection<string> Problems => _problems;

    /// <summary>How many entries had the event id.</summary>
    public int Count(int eventId) => _counts.TryGetValue(eventId, out var count) ? count : 0;

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        _counts.AddOrUpdate(eventId.Id, 1, (_, count) => count + 1);
        if (logLevel >= LogLevel.Warning)
        {
            _problems.Enqueue($"{eventId.Id} {formatter(state, exception)}");
        }
    }
}
