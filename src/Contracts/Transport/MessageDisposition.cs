namespace LambdaWorkflow.Contracts.Transport;

/// <summary>What the transport does with a received message.</summary>
public enum MessageDisposition
{
    /// <summary>Delete it.</summary>
    Completed,

    /// <summary>Leave it for redelivery.</summary>
    Retry,

    /// <summary>Move it to the dead-letter queue with its reason.</summary>
    DeadLetter,
}
