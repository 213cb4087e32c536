using Amazon.SQS;
using Amazon.SQS.Model;

namespace LambdaWorkflow.Cli.DeadLetters;

/// <summary>
/// Finds where a dead letter goes back to: <c>--to</c>; else the <c>lwf-source-queue</c> attribute the runtime
/// recorded (a URL, or the ARN Lambda reports); else the one queue whose redrive policy targets the dead-letter queue.
/// </summary>
internal sealed class RedriveTargets(IAmazonSQS sqs, string deadLetterQueueUrl, string? explicitTarget)
{
    private readonly Dictionary<string, string> _byArn = new(StringComparer.Ordinal);
    private string? _policySource;
    private bool _policyLooked;

    /// <summary>The target URL, or null with the reason.</summary>
    public async Task<(string? Url, string? Problem)> ResolveAsync(DeadLetterView letter, CancellationToken cancellationToken)
    {
        if (explicitTarget is not null)
        {
            return (explicitTarget, null);
        }

        if (letter.SourceQueue is { } source)
        {
            if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return (source, null);
            }

            if (source.StartsWith("arn:", StringComparison.Ordinal))
            {
                return (await FromArnAsync(source, cancellationToken).ConfigureAwait(false), null);
            }
        }

        if (!_policyLooked)
        {
            _policyLooked = true;
            try
            {
                var sources = await sqs.ListDeadLetterSourceQueuesAsync(new ListDeadLetterSourceQueuesRequest { QueueUrl = deadLetterQueueUrl }, cancellationToken).ConfigureAwait(false);
                _policySource = sources.QueueUrls is [var only] ? only : null;
            }
            catch (AmazonSQSException)
            {
                // Some SQS implementations (emulators) lack this call; without it no source is known, which is said below.
                _policySource = null;
            }
        }

        return _policySource is not null
            ? (_policySource, null)
            : (null, "no source queue is recorded on the message and no single queue's redrive policy targets this queue; pass --to <queue>");
    }

    // arn:aws:sqs:region:account:name
    private async Task<string> FromArnAsync(string arn, CancellationToken cancellationToken)
    {
        if (_byArn.TryGetValue(arn, out var known))
        {
            return known;
        }

        var parts = arn.Split(':');
        var request = new GetQueueUrlRequest { QueueName = parts[^1], QueueOwnerAWSAccountId = parts.Length >= 6 && parts[4].Length > 0 ? parts[4] : null };
        var url = (await sqs.GetQueueUrlAsync(request, cancellationToken).ConfigureAwait(false)).QueueUrl;
        _byArn[arn] = url;
        return url;
    }
}
