using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Local.Queues;
using LambdaWorkflow.Local.Routing;
using LambdaWorkflow.Orchestrator.Publishing;

namespace LambdaWorkflow.Local.Hosting;

/// <summary>
/// The embedded EventBridge: wraps each command in the event EventBridge would deliver, matches it against the
/// rules with the project's pattern matcher, and sends it to every matching rule's queue. An event no rule
/// matches is kept in the unrouted queue instead of vanishing, as it would on AWS.
/// </summary>
public sealed class LocalEventBus(RuleSet rules, LocalQueueRegistry queues, LocalQueue unrouted, TimeProvider timeProvider) : ICommandPublisher
{
    private long _published;
    private long _unrouted;

    /// <summary>Events published so far.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Events that matched no rule.</summary>
    public long Unrouted => Interlocked.Read(ref _unrouted);

    /// <summary>The rules in force.</summary>
    public RuleSet Rules => rules;

    /// <inheritdoc />
    public Task PublishAsync(IReadOnlyList<CallRequest> commands, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        foreach (var command in commands)
        {
            var body = new CallRequestedEvent
            {
                Id = LocalIds.Next(),
                Account = "000000000000",
                Region = "local",
                Time = timeProvider.GetUtcNow(),
                Resources = [],
                Detail = command,
            }.ToUtf8();
            var matches = rules.MatchUtf8(body);
            foreach (var rule in matches)
            {
                // Queues keep bodies unchanged, so every target can share the one array.
                queues.GetQueue(rule.Target).SendUtf8(body);
            }

            if (matches.Count == 0)
            {
                unrouted.SendUtf8(body);
                Interlocked.Increment(ref _unrouted);
            }

            Interlocked.Increment(ref _published);
        }

        return Task.CompletedTask;
    }
}
