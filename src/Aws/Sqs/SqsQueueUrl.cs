namespace LambdaWorkflow.Aws.Sqs;

/// <summary>Checks on queue URLs.</summary>
internal static class SqsQueueUrl
{
    private const string FifoSuffix = ".fifo";

    /// <summary>True for a FIFO queue, whose name (the last path segment of its URL) ends in <c>.fifo</c>.</summary>
    public static bool IsFifo(string queueUrl) =>
        queueUrl.AsSpan().TrimEnd('/').EndsWith(FifoSuffix, StringComparison.Ordinal);

    /// <summary>Throws unless <paramref name="queueUrl"/> is an absolute http(s) URL, as SQS gives queue URLs.</summary>
    public static void Validate(string queueUrl, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queueUrl, parameterName);
        if (!Uri.TryCreate(queueUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException(
                $"'{queueUrl}' is not a queue URL; SQS addresses queues as https://sqs.<region>.amazonaws.com/<account>/<name>.",
                parameterName);
        }
    }
}
