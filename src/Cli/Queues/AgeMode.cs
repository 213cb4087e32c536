namespace LambdaWorkflow.Cli.Queues;

/// <summary>
/// Which queues <c>lwf queues</c> peeks at to tell the age of their oldest message. SQS has no attribute for it (the
/// age is a CloudWatch metric), so the only way from the SQS API is to receive messages and read their send time.
/// </summary>
public enum AgeMode
{
    /// <summary>Only dead-letter queues (the default): nothing consumes them and they have no redrive policy, so a peek changes nothing that matters.</summary>
    Dlq,

    /// <summary>Every queue. A peek counts as a receive: on a queue with a redrive policy it brings messages closer to the dead-letter queue.</summary>
    All,

    /// <summary>No queue; ages are not shown.</summary>
    None,
}
