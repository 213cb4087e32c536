using static LambdaWorkflow.UnitTests.Routing.PatternTesting;

namespace LambdaWorkflow.UnitTests.Routing;

// exists works on leaf values only: an object (or an empty array) at the field counts as absent.
public class EventPatternExistsTests
{
    private const string ExistsTrue = """{ "detail": { "state": [ { "exists": true } ] } }""";
    private const string CountMissing = """{ "detail": { "c-count": [ { "exists": false } ] } }""";

    [Fact]
    public void Matches_ExistsTrue_MatchesEventWithTheField()
    {
        const string @event = """
            { "version": "0", "source": "aws.ec2", "detail": { "instance-id": "i-abcd1111", "state": "pending" } }
            """;

        Assert.True(Matches(ExistsTrue, @event));
    }

    [Fact]
    public void Matches_ExistsTrue_DoesNotMatchEventWithoutTheField()
    {
        Assert.False(Matches(ExistsTrue, """{ "detail": { "c-count": { "c1": 100 } } }"""));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("0")]
    [InlineData("false")]
    [InlineData("[\"a\"]")]
    public void Matches_ExistsTrueWithAnyLeafValue_Matches(string value)
    {
        Assert.True(Matches(ExistsTrue, $$"""{ "detail": { "state": {{value}} } }"""));
    }

    [Theory]
    [InlineData("{ \"phase\": \"a\" }")]
    [InlineData("[]")]
    [InlineData("[{ \"phase\": \"a\" }]")]
    public void Matches_ExistsTrueWithoutLeafValue_DoesNotMatch(string value)
    {
        Assert.False(Matches(ExistsTrue, $$"""{ "detail": { "state": {{value}} } }"""));
    }

    [Fact]
    public void Matches_ExistsFalse_MatchesEventWithoutTheField()
    {
        Assert.True(Matches(CountMissing, """{ "detail-type": "EC2 Instance State-change Notification", "detail": { "state": "running" } }"""));
    }

    [Fact]
    public void Matches_ExistsFalse_DoesNotMatchEventWithTheField()
    {
        Assert.False(Matches(CountMissing, """{ "detail": { "c-count": 3 } }"""));
        Assert.False(Matches(CountMissing, """{ "detail": { "c-count": null } }"""));
    }

    [Fact]
    public void Matches_ExistsFalseWhenFieldIsAnObject_MatchesBecauseItIsNotALeaf()
    {
        Assert.True(Matches(CountMissing, """{ "detail": { "state": "running", "c-count": { "c1": 100 } } }"""));
    }

    [Fact]
    public void Matches_ExistsFalseWhenFieldIsAnEmptyArray_Matches()
    {
        Assert.True(Matches(CountMissing, """{ "detail": { "c-count": [] } }"""));
    }

    [Theory]
    [InlineData("""{ "source": "aws.ec2" }""")]
    [InlineData("""{ "detail": "a string, not an object" }""")]
    [InlineData("""{ "detail": null }""")]
    [InlineData("""{ "detail": [] }""")]
    public void Matches_ExistsFalseUnderMissingObject_Matches(string @event)
    {
        Assert.True(Matches(CountMissing, @event));
    }

    [Fact]
    public void Matches_ExistsFalseUnderMissingObjectWithOtherRequiredField_DoesNotMatch()
    {
        const string pattern = """{ "detail": { "c-count": [ { "exists": false } ], "state": [ "running" ] } }""";

        Assert.False(Matches(pattern, """{ "source": "aws.ec2" }"""));
        Assert.True(Matches(pattern, """{ "detail": { "state": "running" } }"""));
    }

    [Theory]
    [InlineData("""{ "detail": {} }""", true)]
    [InlineData("""{ "detail": { "state": "x" } }""", true)]
    [InlineData("""{ "detail": { "state": "y" } }""", false)]
    public void Matches_ExistsFalseOrValue_MatchesMissingOrThatValue(string @event, bool expected)
    {
        Assert.Equal(expected, Matches("""{ "detail": { "state": [ { "exists": false }, "x" ] } }""", @event));
    }

    [Theory]
    [InlineData("""{ "detail": { "c-count": [3] } }""", false)]
    [InlineData("""{ "detail": { "c-count": [[], [null]] } }""", false)]
    [InlineData("""{ "detail": { "c-count": [{ "c1": 1 }] } }""", true)]
    public void Matches_ExistsFalseAgainstEventArray_DependsOnLeafElements(string @event, bool expected)
    {
        Assert.Equal(expected, Matches(CountMissing, @event));
    }

    [Theory]
    [InlineData("""{ "employees": [ { "middleName": "Q" } ] }""", false)]
    [InlineData("""{ "employees": [ { "middleName": "Q" }, { "firstName": "Anna" } ] }""", true)]
    [InlineData("""{ "employees": [] }""", true)]
    [InlineData("""{ "employees": [ "not an object" ] }""", true)]
    public void Matches_ExistsFalseOnlyInsideArrayOfObjects_NeedsAnElementWithoutTheField(string @event, bool expected)
    {
        Assert.Equal(expected, Matches("""{ "employees": { "middleName": [ { "exists": false } ] } }""", @event));
    }

    [Fact]
    public void Matches_ExistsFalseInsideArrayOfObjects_ChecksTheSameElementAsOtherFields()
    {
        const string pattern = """{ "employees": { "firstName": ["Anna"], "middleName": [ { "exists": false } ] } }""";

        Assert.True(Matches(pattern, """{ "employees": [ { "firstName": "John", "middleName": "Q" }, { "firstName": "Anna" } ] }"""));
        Assert.False(Matches(pattern, """{ "employees": [ { "firstName": "John" }, { "firstName": "Anna", "middleName": "Q" } ] }"""));
    }
}
