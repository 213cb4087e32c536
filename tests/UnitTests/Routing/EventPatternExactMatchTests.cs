using static LambdaWorkflow.UnitTests.Routing.PatternTesting;

namespace LambdaWorkflow.UnitTests.Routing;

// Exact values, OR within a list, AND across fields, arrays and nesting, per EventBridge's
// "Creating event patterns", "Arrays in event patterns" and "Matching null values and empty strings" pages.
public class EventPatternExactMatchTests
{
    private const string Ec2Event = """
        {
          "version": "0",
          "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
          "detail-type": "EC2 Instance State-change Notification",
          "source": "aws.ec2",
          "account": "111122223333",
          "time": "2017-12-22T18:43:48Z",
          "region": "us-west-1",
          "resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
          "detail": { "instance-id": "i-1234567890abcdef0", "state": "terminated" }
        }
        """;

    [Fact]
    public void Matches_Ec2TerminationPattern_MatchesTerminatedEvent()
    {
        const string pattern = """
            { "source": ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"], "detail": { "state": ["terminated"] } }
            """;

        Assert.True(Matches(pattern, Ec2Event));
    }

    [Theory]
    [InlineData("""{ "source": ["aws.s3"], "detail": { "state": ["terminated"] } }""")]
    [InlineData("""{ "source": ["aws.ec2"], "detail": { "state": ["running"] } }""")]
    [InlineData("""{ "source": ["aws.ec2"], "detail": { "state": ["terminated"], "instance-id": ["i-other"] } }""")]
    public void Matches_OneNamedFieldDiffers_DoesNotMatch(string pattern)
    {
        Assert.False(Matches(pattern, Ec2Event));
    }

    [Fact]
    public void Matches_PatternNamesFewFields_IgnoresTheRest()
    {
        Assert.True(Matches("""{ "region": ["us-west-1"] }""", Ec2Event));
    }

    [Theory]
    [InlineData("initializing", true)]
    [InlineData("running", true)]
    [InlineData("stopped", false)]
    public void Matches_ListOfValues_MatchesAnyOfThem(string state, bool expected)
    {
        const string pattern = """{ "detail": { "state": ["initializing", "running"] } }""";

        Assert.Equal(expected, Matches(pattern, $$"""{ "detail": { "state": "{{state}}" } }"""));
    }

    [Fact]
    public void Matches_EventArrayIntersectsPatternList_Matches()
    {
        const string pattern = """
            { "resources": [
                "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f",
                "arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f" ] }
            """;
        const string @event = """
            { "resources": [
                "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b:autoScalingGroupName/ASGTerminate",
                "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f" ] }
            """;

        Assert.True(Matches(pattern, @event));
    }

    [Fact]
    public void Matches_EventArrayDisjointFromPatternList_DoesNotMatch()
    {
        Assert.False(Matches("""{ "resources": ["a", "b"] }""", """{ "resources": ["c", "d"] }"""));
    }

    [Fact]
    public void Matches_EmptyEventArray_DoesNotMatchAnyValue()
    {
        Assert.False(Matches("""{ "resources": ["a"] }""", """{ "resources": [] }"""));
    }

    [Fact]
    public void Matches_NestedEventArrays_AreFlattened()
    {
        Assert.True(Matches("""{ "values": [3] }""", """{ "values": [[1, 2], [[3]]] }"""));
    }

    [Fact]
    public void Matches_StringCaseDiffers_DoesNotMatch()
    {
        Assert.False(Matches("""{ "source": ["aws.ec2"] }""", """{ "source": "AWS.EC2" }"""));
    }

    [Theory]
    [InlineData("300", true)]
    [InlineData("300.0", true)]
    [InlineData("3e2", true)]
    [InlineData("3.0E+2", true)]
    [InlineData("30000e-2", true)]
    [InlineData("300.5", false)]
    [InlineData("\"300\"", false)]
    public void Matches_ExactNumber_ComparesNumerically(string eventValue, bool expected)
    {
        Assert.Equal(expected, Matches("""{ "detail": { "count": [300] } }""", $$"""{ "detail": { "count": {{eventValue}} } }"""));
    }

    [Fact]
    public void Matches_ExactNumberInExponentForm_MatchesDecimalEvent()
    {
        Assert.True(Matches("""{ "x-limit": [3.018e2] }""", """{ "x-limit": 301.8 }"""));
    }

    [Fact]
    public void Matches_StringPatternAgainstNumber_DoesNotMatch()
    {
        Assert.False(Matches("""{ "count": ["5"] }""", """{ "count": 5 }"""));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"true\"", false)]
    [InlineData("1", false)]
    public void Matches_BooleanPattern_MatchesTheLiteralOnly(string eventValue, bool expected)
    {
        Assert.Equal(expected, Matches("""{ "detail": { "enabled": [true] } }""", $$"""{ "detail": { "enabled": {{eventValue}} } }"""));
    }

    private const string AutoScalingEvent = """
        {
          "version": "0",
          "detail-type": "EC2 Instance Launch Successful",
          "source": "aws.autoscaling",
          "resources": [],
          "detail": { "eventVersion": "", "responseElements": null }
        }
        """;

    [Fact]
    public void Matches_NullPattern_MatchesNullValue()
    {
        Assert.True(Matches("""{ "detail": { "responseElements": [null] } }""", AutoScalingEvent));
    }

    [Fact]
    public void Matches_EmptyStringPattern_MatchesEmptyString()
    {
        Assert.True(Matches("""{ "detail": { "eventVersion": [""] } }""", AutoScalingEvent));
    }

    [Fact]
    public void Matches_NullAndEmptyString_AreNotInterchangeable()
    {
        Assert.False(Matches("""{ "detail": { "eventVersion": [null] } }""", AutoScalingEvent));
        Assert.False(Matches("""{ "detail": { "responseElements": [""] } }""", AutoScalingEvent));
    }

    [Fact]
    public void Matches_NullPatternAgainstMissingField_DoesNotMatch()
    {
        Assert.False(Matches("""{ "detail": { "userId": [null] } }""", AutoScalingEvent));
    }

    [Fact]
    public void Matches_ValueForMissingField_DoesNotMatch()
    {
        Assert.False(Matches("""{ "detail": { "userId": ["u-1"] } }""", AutoScalingEvent));
    }

    [Fact]
    public void Matches_DeeplyNestedField_Matches()
    {
        const string pattern = """{ "detail": { "severity": { "score": [1] }, "count": [2] } }""";
        const string @event = """{ "detail": { "severity": { "score": 1, "description": "Low" }, "count": 2 } }""";

        Assert.True(Matches(pattern, @event));
        Assert.False(Matches(pattern, @event.Replace("\"score\": 1", "\"score\": 7", StringComparison.Ordinal)));
    }

    [Fact]
    public void Matches_PatternExpectsObjectButEventHasLeaf_DoesNotMatch()
    {
        Assert.False(Matches("""{ "detail": { "state": ["running"] } }""", """{ "detail": "running" }"""));
    }

    [Fact]
    public void Matches_PatternExpectsLeafButEventHasObject_DoesNotMatch()
    {
        Assert.False(Matches("""{ "detail": ["running"] }""", """{ "detail": { "state": "running" } }"""));
    }

    private const string Employees = """
        { "employees": [
            { "firstName": "John", "lastName": "Doe" },
            { "firstName": "Anna", "lastName": "Smith" },
            { "firstName": "Peter", "lastName": "Jones" } ] }
        """;

    [Fact]
    public void Matches_ObjectPatternAgainstArrayOfObjects_MatchesAnElement()
    {
        Assert.True(Matches("""{ "employees": { "firstName": ["Anna"] } }""", Employees));
        Assert.True(Matches("""{ "employees": { "firstName": ["Anna"], "lastName": ["Smith"] } }""", Employees));
    }

    [Fact]
    public void Matches_FieldsFromDifferentArrayElements_DoesNotMatch()
    {
        Assert.False(Matches("""{ "employees": { "firstName": ["Anna"], "lastName": ["Jones"] } }""", Employees));
    }

    [Fact]
    public void Matches_ObjectPatternAgainstArrayOfArraysOfObjects_MatchesAnElement()
    {
        const string @event = """
            { "employees": [ [ { "firstName": "John" }, { "firstName": "Anna" } ], [ { "firstName": "Peter" } ] ] }
            """;

        Assert.True(Matches("""{ "employees": { "firstName": ["Peter"] } }""", @event));
        Assert.False(Matches("""{ "employees": { "firstName": ["Paul"] } }""", @event));
    }

    [Fact]
    public void Matches_DuplicateKeyInPattern_LastOneWins()
    {
        // EventBridge: "if you include a key more than once the last reference will be the one used".
        const string pattern = """
            { "detail": { "location": [ { "prefix": "us-" } ], "location": [ { "anything-but": "us-east" } ] } }
            """;

        Assert.True(Matches(pattern, """{ "detail": { "location": "eu-west" } }"""));
        Assert.False(Matches(pattern, """{ "detail": { "location": "us-east" } }"""));
    }

    [Fact]
    public void Matches_EscapedCharactersInEvent_AreDecodedBeforeComparing()
    {
        Assert.True(Matches("""{ "city": ["Zürich"] }""", """{ "city": "Z\u00fcrich" }"""));
        Assert.True(Matches("""{ "quote": ["say \"hi\""] }""", """{ "quote": "say \"hi\"" }"""));
        Assert.False(Matches("""{ "city": ["Zurich"] }""", """{ "city": "Z\u00fcrich" }"""));
    }

    [Fact]
    public void Matches_EscapedFieldNameInEvent_IsFound()
    {
        Assert.True(Matches("""{ "detail-type": ["Created"] }""", """{ "detail\u002Dtype": "Created" }"""));
    }
}
