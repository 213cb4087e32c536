using LambdaWorkflow.Local.Routing;

namespace LambdaWorkflow.UnitTests.Infra;

public sealed class QueueAndTableTests
{
    public static TheoryData<string> Templates => TemplateReferenceTests.Templates;

    [Theory]
    [MemberData(nameof(Templates))]
    public void EveryQueue_IsEncryptedWithSqsManagedKeys(string name)
    {
        var template = InfraTemplates.ByName(name);

        // SQS-managed SSE needs no kms: permission; a customer key would also need kms:GenerateDataKey and kms:Decrypt grants.
        Assert.All(template.ResourcesOfType("AWS::SQS::Queue"), q =>
        {
            Assert.Equal("true", template.ResourceProperties(q).At("SqsManagedSseEnabled").Text());
            Assert.Null(template.ResourceProperties(q).At("KmsMasterKeyId"));
        });
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void EveryTable_IsEncryptedOnDemandWithPitrAndTtl(string name)
    {
        var template = InfraTemplates.ByName(name);
        var tables = template.ResourcesOfType("AWS::DynamoDB::Table").ToList();

        Assert.Single(tables);
        Assert.All(tables, t =>
        {
            var properties = template.ResourceProperties(t);
            Assert.Equal("true", properties.At("SSESpecification", "SSEEnabled").Text());
            Assert.Null(properties.At("SSESpecification", "KMSMasterKeyId"));
            Assert.Equal("PAY_PER_REQUEST", properties.At("BillingMode").Text());
            Assert.Equal("true", properties.At("PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled").Text());
            Assert.Equal("ttl", properties.At("TimeToLiveSpecification", "AttributeName").Text());
            Assert.Equal("true", properties.At("TimeToLiveSpecification", "Enabled").Text());
            Assert.Equal(["pk:S", "sk:S"], properties.At("AttributeDefinitions").OneOrMany().Select(a => $"{a.At("AttributeName").Text()}:{a.At("AttributeType").Text()}"));
            Assert.Equal(["pk:HASH", "sk:RANGE"], properties.At("KeySchema").OneOrMany().Select(a => $"{a.At("AttributeName").Text()}:{a.At("KeyType").Text()}"));
        });
    }

    [Fact]
    public void StateTable_OutlivesTheStack()
    {
        var table = InfraTemplates.Core.Resources["StateTable"];

        Assert.Equal("Retain", table.At("DeletionPolicy").Text());
        Assert.Equal("Retain", table.At("UpdateReplacePolicy").Text());
    }

    [Fact]
    public void Inbox_IsFifoWithCodeSuppliedDeduplicationAndAFifoDeadLetterQueue()
    {
        var template = InfraTemplates.Core;
        var inbox = template.ResourceProperties("InboxQueue");
        var dlq = template.ResourceProperties("InboxDeadLetterQueue");

        Assert.Equal("true", inbox.At("FifoQueue").Text());
        Assert.Equal("false", inbox.At("ContentBasedDeduplication").Text());
        Assert.EndsWith(".fifo", inbox.At("QueueName").SubOf(), StringComparison.Ordinal);
        Assert.Equal("true", dlq.At("FifoQueue").Text());
        Assert.EndsWith(".fifo", dlq.At("QueueName").SubOf(), StringComparison.Ordinal);
        Assert.Equal(("InboxDeadLetterQueue", "Arn"), inbox.At("RedrivePolicy", "deadLetterTargetArn").GetAttOf());
    }

    [Fact]
    public void TimerQueue_IsStandardSoMessagesCanBeDelayed_WithAStandardDeadLetterQueue()
    {
        var template = InfraTemplates.Core;
        var timers = template.ResourceProperties("TimerQueue");
        var dlq = template.ResourceProperties("TimerDeadLetterQueue");

        // FIFO queues take no per-message DelaySeconds, which the timer scheduler sends (up to 900 s a hop).
        Assert.Null(timers.At("FifoQueue"));
        Assert.Null(dlq.At("FifoQueue"));
        Assert.Null(timers.At("DelaySeconds"));
        Assert.DoesNotContain(".fifo", timers.At("QueueName").SubOf(), StringComparison.Ordinal);
        Assert.Equal(("TimerDeadLetterQueue", "Arn"), timers.At("RedrivePolicy", "deadLetterTargetArn").GetAttOf());
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void EveryConsumedQueue_RedrivesToItsDeadLetterQueueAfterMaxReceiveCount(string name)
    {
        var template = InfraTemplates.ByName(name);

        foreach (var mapping in template.ResourcesOfType("AWS::Lambda::EventSourceMapping"))
        {
            var queue = template.ResourceProperties(mapping).At("EventSourceArn").GetAttOf()!.Value.Resource;
            var redrive = template.ResourceProperties(queue).At("RedrivePolicy");
            var dlq = redrive.At("deadLetterTargetArn").GetAttOf()!.Value.Resource;
            Assert.Equal("AWS::SQS::Queue", template.ResourceType(dlq));
            Assert.Equal("MaxReceiveCount", redrive.At("maxReceiveCount").RefOf());
            Assert.Equal(template.ResourceProperties(queue).At("FifoQueue").Text(), template.ResourceProperties(dlq).At("FifoQueue").Text());
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void EveryQueue_KeepsMessagesFourteenDays(string name)
    {
        var template = InfraTemplates.ByName(name);
        var resolver = new IntrinsicResolver(template);

        Assert.All(template.ResourcesOfType("AWS::SQS::Queue"), q =>
            Assert.Equal("1209600", resolver.ResolveString(template.ResourceProperties(q).At("MessageRetentionPeriod")!, q)));
    }
}
