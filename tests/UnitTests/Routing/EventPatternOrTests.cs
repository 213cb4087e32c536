using static LambdaWorkflow.UnitTests.Routing.PatternTesting;

namespace LambdaWorkflow.UnitTests.Routing;

// "$or": an array of at least two sub-patterns at any object level; at least one must match, alongside the
// other fields of that level.
public class EventPatternOrTests
{
    [Theory]
    [InlineData("""{ "Location": "New York", "Day": "Tuesday" }""", true)]
    [InlineData("""{ "Location": "Boston", "Day": "Monday" }""", true)]
    [InlineData("""{ "Location": "Boston", "Day": "Tuesday" }""", false)]
    [InlineData("""{ "Weather": "Raining" }""", false)]
    public void Matches_OrOfTwoFields_MatchesWhenEitherMatches(string @event, bool expected)
    {
        const string pattern = """{ "$or": [ { "Location": [ "New York" ] }, { "Day": [ "Monday" ] } ] }""";

        Assert.Equal(expected, Matches(pattern, @event));
    }

    [Theory]
    [InlineData("""{ "source": "aws.cloudwatch", "metricName": "CPUUtilization" }""", true)]
    [InlineData("""{ "source": "aws.cloudwatch", "namespace": "AWS/ES" }""", true)]
    [InlineData("""{ "source": "aws.ec2", "metricName": "CPUUtilization" }""", false)]
    [InlineData("""{ "source": "aws.cloudwatch", "metricName": "DiskIO" }""", false)]
    public void Matches_OrBesideAField_RequiresTheFieldAndOneBranch(string @event, bool expected)
    {
        const string pattern = """
            { "source": [ "aws.cloudwatch" ],
              "$or": [ { "metricName": [ "CPUUtilization", "ReadLatency" ] }, { "namespace": [ "AWS/EC2", "AWS/ES" ] } ] }
            """;

        Assert.Equal(expected, Matches(pattern, @event));
    }

    [Theory]
    [InlineData("""{ "metricName": "ReadLatency", "detail": { "source": "aws.cloudwatch" } }""", true)]
    [InlineData("""{ "namespace": "AWS/EC2", "detail": { "detail-type": "CloudWatch Alarm State Change" } }""", true)]
    [InlineData("""{ "metricName": "ReadLatency" }""", false)]
    [InlineData("""{ "detail": { "source": "aws.cloudwatch" } }""", false)]
    public void Matches_OrAtTwoLevels_RequiresABranchAtEachLevel(string @event, bool expected)
    {
        const string pattern = """
            {
              "$or": [ { "metricName": [ "CPUUtilization", "ReadLatency" ] }, { "namespace": [ "AWS/EC2", "AWS/ES" ] } ],
              "detail": {
                "$or": [ { "source": [ "aws.cloudwatch" ] }, { "detail-type": [ "CloudWatch Alarm State Change" ] } ]
              }
            }
            """;

        Assert.Equal(expected, Matches(pattern, @event));
    }

    private const string NestedOr = """
        {
          "source": [ "aws.cloudwatch" ],
          "$or": [
            { "metricName": [ "CPUUtilization", "ReadLatency" ] },
            {
              "metricType": [ "MetricType" ],
              "namespace": [ "AWS/EC2", "AWS/ES" ],
              "$or": [ { "metricId": [ 1234 ] }, { "spaceId": [ 1000 ] } ]
            },
            { "scope": [ "Service" ] }
          ]
        }
        """;

    [Theory]
    [InlineData("""{ "source": "aws.cloudwatch", "scope": "Service" }""", true)]
    [InlineData("""{ "source": "aws.cloudwatch", "metricType": "MetricType", "namespace": "AWS/EC2", "spaceId": 1000 }""", true)]
    [InlineData("""{ "source": "aws.cloudwatch", "metricType": "MetricType", "namespace": "AWS/EC2", "metricId": 1234.0 }""", true)]
    [InlineData("""{ "source": "aws.cloudwatch", "metricType": "MetricType", "namespace": "AWS/EC2" }""", false)]
    [InlineData("""{ "source": "aws.cloudwatch", "metricType": "MetricType", "spaceId": 1000 }""", false)]
    [InlineData("""{ "source": "aws.ec2", "scope": "Service" }""", false)]
    public void Matches_NestedOrInsideABranch_CombinesAndAndOr(string @event, bool expected)
    {
        Assert.Equal(expected, Matches(NestedOr, @event));
    }

    [Theory]
    [InlineData("""{ "detail": { "state": "running" } }""", true)]
    [InlineData("""{ "detail": { "error": "boom" } }""", true)]
    [InlineData("""{ "source": "x" }""", true)]
    [InlineData("""{ "detail": { "state": "stopped", "error": "boom" } }""", false)]
    public void Matches_OrWithExistsFalseBranch_MatchesMissingFieldOrValue(string @event, bool expected)
    {
        const string pattern = """
            { "detail": { "$or": [ { "state": [ "running" ] }, { "state": [ { "exists": false } ] } ] } }
            """;

        Assert.Equal(expected, Matches(pattern, @event));
    }

    [Fact]
    public void Matches_OrOverArrayOfObjects_KeepsBranchFieldsInOneElement()
    {
        const string pattern = """
            { "items": { "$or": [ { "sku": [ "A" ], "qty": [ 1 ] }, { "sku": [ "B" ] } ] } }
            """;

        Assert.True(Matches(pattern, """{ "items": [ { "sku": "A", "qty": 1 } ] }"""));
        Assert.False(Matches(pattern, """{ "items": [ { "sku": "A", "qty": 2 }, { "sku": "C", "qty": 1 } ] }"""));
        Assert.True(Matches(pattern, """{ "items": [ { "sku": "A", "qty": 2 }, { "sku": "B" } ] }"""));
    }
}
