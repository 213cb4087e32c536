using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace LambdaWorkflow.Emulators;

/// <summary>Creates the queue shapes the runtime uses: FIFO with a FIFO dead-letter queue, and standard.</summary>
internal static class SqsQueueFactory
{
    private const string FifoSuffix = ".fifo";
    private const string DeadLetterSuffix = "-dlq";

    /// <summary>
    /// Creates <c>{baseName}.fifo</c> and <c>{baseName}-dlq.fifo</c>, with a redrive policy on the first. AWS
    /// requires a FIFO queue's dead-letter queue to be FIFO too. Deduplication is by explicit id, not content.
    /// </summary>
    public static async Task<FifoQueuePair> CreateFifoWithDeadLetterAsync(
        IAmazonSQS sqs, string baseName, int maxReceiveCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReceiveCount, 1);
        var name = baseName.EndsWith(FifoSuffix, StringComparison.Ordinal) ? baseName[..^FifoSuffix.Length] : baseName;
        var fifo = new Dictionary<string, string> { [QueueAttributeName.FifoQueue] = "true" };

        var deadLetter = await CreateAsync(sqs, name + DeadLetterSuffix + FifoSuffix, fifo, cancellationToken).ConfigureAwait(false);
        var queue = await CreateAsync(
            sqs,
            name + FifoSuffix,
            new Dictionary<string, string>(fifo) { [QueueAttributeName.RedrivePolicy] = RedrivePolicy(deadLetter, maxReceiveCount) },
            cancellationToken).ConfigureAwait(false);
        return new FifoQueuePair(queue, deadLetter, maxReceiveCount);
    }

    /// <summary>Creates the standard queue <paramref name="name"/> and <c>{name}-dlq</c>, with a redrive policy on the first.</summary>
    public static async Task<QueuePair> CreateStandardWithDeadLetterAsync(
        IAmazonSQS sqs, string name, int maxReceiveCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReceiveCount, 1);
        var deadLetter = await CreateAsync(sqs, name + DeadLetterSuffix, attributes: null, cancellationToken).ConfigureAwait(false);
        var queue = await CreateAsync(
            sqs,
            name,
            new Dictionary<string, string> { [QueueAttributeName.RedrivePolicy] = RedrivePolicy(deadLetter, maxReceiveCount) },
            cancellationToken).ConfigureAwait(false);
        return new QueuePair(queue, deadLetter, maxReceiveCount);
    }

    /// <summary>Creates a standard queue with default attributes.</summary>
    public static Task<QueueAddress> CreateStandardAsync(IAmazonSQS sqs, string name, CancellationToken cancellationToken) =>
        CreateAsync(sqs, name, attributes: null, cancellationToken);

    private static string RedrivePolicy(QueueAddress deadLetter, int maxReceiveCount) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"deadLetterTargetArn":"{{deadLetter.QueueArn}}","maxReceiveCount":{{maxReceiveCount}}}""");

    private static async Task<QueueAddress> CreateAsync(
        IAmazonSQS sqs, string name, Dictionary<string, string>? attributes, CancellationToken cancellationToken)
    {
        var created = await sqs.CreateQueueAsync(
            new CreateQueueRequest { QueueName = name, Attributes = attributes }, cancellationToken).ConfigureAwait(false);
        var described = await sqs.GetQueueAttributesAsync(
            new GetQueueAttributesRequest { QueueUrl = created.QueueUrl, AttributeNames = [QueueAttributeName.QueueArn] },
            cancellationToken).ConfigureAwait(false);
        return new QueueAddress(name, created.QueueUrl, described.QueueARN);
    }
}
