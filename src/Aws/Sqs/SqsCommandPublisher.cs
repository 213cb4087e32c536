using Amazon.SQS;
using LambdaWorkflow.Contracts.Messages;
using LambdaWorkflow.Orchestrator.Publishing;

namespace LambdaWorkflow.Aws.Sqs;

/// <summary>
/// Direct dispatch: sends call commands straight to each service's queue with <c>SendMessageBatch</c>, the bare
/// command as the body, instead of publishing them to EventBridge. It saves the EventBridge event per call, at the
/// price of rule-based routing: the routes are a fixed table of service name to queue URL.
/// </summary>
public sealed class SqsCommandPublisher : ICommandPublisher
{
    private readonly SqsSender _sender;
    private readonly Dictionary<string, string> _routes;

    /// <summary>Creates the publisher.</summary>
    /// <param name="sqs">The SQS client.</param>
    /// <param name="routes">Service name to queue URL, for every service the workflows call.</param>
    /// <param name="options">Retries, counter and limits; null for defaults.</param>
    /// <exception cref="ArgumentException">A route is empty or not a queue URL.</exception>
    public SqsCommandPublisher(IAmazonSQS sqs, IReadOnlyDictionary<string, string> routes, SqsAdapterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        foreach (var (service, url) in routes)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(service, nameof(routes));
            SqsQueueUrl.Validate(url, nameof(routes));
        }

        _routes = new Dictionary<string, string>(routes, StringComparer.Ordinal);
        _sender = new SqsSender(new SqsCallRunner(sqs, options));
    }

    /// <summary>
    /// Reads routes written as <c>service=queueUrl</c> pairs separated by commas, as in <c>LWF_SERVICE_QUEUES</c>.
    /// </summary>
    /// <exception cref="FormatException">A pair has no <c>=</c>, or a service appears twice.</exception>
    public static IReadOnlyDictionary<string, string> ParseRoutes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var routes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == pair.Length - 1)
            {
                throw new FormatException($"'{pair}' is not a service=queueUrl route.");
            }

            if (!routes.TryAdd(pair[..equals].Trim(), pair[(equals + 1)..].Trim()))
            {
                throw new FormatException($"Service '{pair[..equals].Trim()}' is routed twice.");
            }
        }

        return routes;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A command names a service without a route; nothing was sent.</exception>
    /// <exception cref="SqsException">A command is over the size limit, SQS refused one, or SQS stayed unavailable through the retries.</exception>
    public async Task PublishAsync(IReadOnlyList<CallRequest> commands, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);

        // Route everything first: a command without a queue fails the turn before any of its commands is sent.
        var byQueue = new Dictionary<string, List<SqsOutgoingMessage>>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            if (!_routes.TryGetValue(command.Service, out var queueUrl))
            {
                throw new InvalidOperationException(
                    $"Call {command.CallId} is for service '{command.Service}', which has no queue among the direct dispatch routes ({string.Join(", ", _routes.Keys)}).");
            }

            if (!byQueue.TryGetValue(queueUrl, out var messages))
            {
                byQueue[queueUrl] = messages = [];
            }

            messages.Add(new SqsOutgoingMessage(CallRequestedEvent.DetailToJson(command), $"call {command.CallId} to {command.Service}.{command.Operation}"));
        }

        // Queues are independent, so their batches go out together; within a queue they keep command order.
        await Task.WhenAll(byQueue.Select(q => _sender.SendBatchesAsync(q.Key, q.Value, cancellationToken))).ConfigureAwait(false);
    }
}
