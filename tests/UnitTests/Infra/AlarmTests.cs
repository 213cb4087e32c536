using LambdaWorkflow.Local.Routing;

namespace LambdaWorkflow.UnitTests.Infra;

public sealed class AlarmTests
{
    [Theory]
    [InlineData("core", "InboxQueue", "InboxDeadLetterQueue")]
    [InlineData("service", "Queue", "DeadLetterQueue")]
    public void ConsumedQueue_AlarmsOnDepthAgeAndDeadLetters(string name, string queue, string deadLetterQueue)
    {
        var template = InfraTemplates.ByName(name);
        var alarms = template.ResourcesOfType("AWS::CloudWatch::Alarm")
            .Select(a => (Id: a, Properties: template.ResourceProperties(a)!))
            .Select(a => (a.Id, Queue: a.Properties.At("Dimensions").OneOrMany().Single().At("Value").GetAttOf(), Metric: a.Properties.At("MetricName").Text(), a.Properties))
            .ToList();

        var depth = Assert.Single(alarms, a => a.Queue == (queue, "QueueName") && a.Metric == "ApproximateNumberOfMessagesVisible");
        var age = Assert.Single(alarms, a => a.Queue == (queue, "QueueName") && a.Metric == "ApproximateAgeOfOldestMessage");
        var dead = Assert.Single(alarms, a => a.Queue == (deadLetterQueue, "QueueName") && a.Metric == "ApproximateNumberOfMessagesVisible");

        Assert.NotNull(depth.Properties.At("Threshold").RefOf());
        Assert.NotNull(age.Properties.At("Threshold").RefOf());
        Assert.Equal("0", dead.Properties.At("Threshold").Text()); // a single dead letter is worth a look
        Assert.Equal(3, alarms.Count(a => a.Queue?.Resource == queue || a.Queue?.Resource == deadLetterQueue));
        Assert.All(alarms, a =>
        {
            Assert.Equal("AWS/SQS", a.Properties.At("Namespace").Text());
            Assert.Equal("QueueName", a.Properties.At("Dimensions").OneOrMany().Single().At("Name").Text());
            Assert.Equal("GreaterThanThreshold", a.Properties.At("ComparisonOperator").Text());
            Assert.Equal("notBreaching", a.Properties.At("TreatMissingData").Text()); // an idle queue publishes no data
        });
    }

    [Fact]
    public void TimerDeadLetterQueue_AlarmsOnASingleDeadLetter_AndIsTheCoreStacksOnlyOtherAlarm()
    {
        var template = InfraTemplates.Core;
        var alarms = template.ResourcesOfType("AWS::CloudWatch::Alarm").Select(template.ResourceProperties).ToList();

        var dead = Assert.Single(alarms, a => a!.At("Dimensions").OneOrMany().Single().At("Value").GetAttOf() == ("TimerDeadLetterQueue", "QueueName"));
        Assert.Equal("ApproximateNumberOfMessagesVisible", dead!.At("MetricName").Text());
        Assert.Equal("0", dead.At("Threshold").Text());
        Assert.Equal(4, alarms.Count); // the inbox's three and this one
    }

    [Theory]
    [InlineData("core")]
    [InlineData("service")]
    public void Alarms_NotifyTheTopicOnlyWhenOneIsGiven(string name)
    {
        var template = InfraTemplates.ByName(name);

        foreach (var alarm in template.ResourcesOfType("AWS::CloudWatch::Alarm"))
        {
            var actions = template.ResourceProperties(alarm).At("AlarmActions")!;
            var without = new IntrinsicResolver(template, Values(template, "")).Resolve(actions, alarm);
            var with = new IntrinsicResolver(template, Values(template, "arn:aws:sns:eu-west-1:123456789012:ops")).Resolve(actions, alarm);

            Assert.Null(without);
            Assert.Equal("""["arn:aws:sns:eu-west-1:123456789012:ops"]""", with!.ToJsonString());
        }
    }

    private static Dictionary<string, string> Values(CloudFormationTemplate template, string topic)
    {
        var values = new Dictionary<string, string> { ["AlarmTopicArn"] = topic };
        if (template.Parameters.ContainsKey("ServiceName"))
        {
            values["ServiceName"] = "shipping";
        }

        return values;
    }
}
