namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>
/// A BatchWriteItem left items unprocessed (DynamoDB throttled part of the batch). Thrown inside the retry
/// pipeline so that the leftovers are resent with the same backoff as a throttled request; never escapes the store.
/// </summary>
internal sealed class UnprocessedItemsException : Exception
{
    public UnprocessedItemsException(int unprocessed, int sent)
        : base($"DynamoDB left {unprocessed} of {sent} history items unprocessed.")
    {
    }

    public UnprocessedItemsException()
    {
    }

    public UnprocessedItemsException(string message)
        : base(message)
    {
    }

    public UnprocessedItemsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
