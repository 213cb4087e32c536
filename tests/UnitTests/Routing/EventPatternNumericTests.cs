using static LambdaWorkflow.UnitTests.Routing.PatternTesting;

namespace LambdaWorkflow.UnitTests.Routing;

// numeric ranges and "=", which only ever match JSON numbers.
public class EventPatternNumericTests
{
    private const string DocumentedPattern = """
        {
          "detail": {
            "c-count": [ { "numeric": [ ">", 0, "<=", 5 ] } ],
            "d-count": [ { "numeric": [ "<", 10 ] } ],
            "x-limit": [ { "numeric": [ "=", 3.018e2 ] } ]
          }
        }
        """;

    [Fact]
    public void Matches_DocumentedNumericPattern_MatchesWhenEveryFieldIsInRange()
    {
        Assert.True(Matches(DocumentedPattern, """{ "detail": { "c-count": 5, "d-count": 3, "x-limit": 301.8 } }"""));
    }

    [Theory]
    [InlineData("""{ "detail": { "c-count": 0, "d-count": 3, "x-limit": 301.8 } }""")]
    [InlineData("""{ "detail": { "c-count": 6, "d-count": 3, "x-limit": 301.8 } }""")]
    [InlineData("""{ "detail": { "c-count": 5, "d-count": 10, "x-limit": 301.8 } }""")]
    [InlineData("""{ "detail": { "c-count": 5, "d-count": 3, "x-limit": 301.81 } }""")]
    [InlineData("""{ "detail": { "c-count": 5, "d-count": 3 } }""")]
    public void Matches_DocumentedNumericPattern_FailsWhenAFieldIsOutOfRange(string @event)
    {
        Assert.False(Matches(DocumentedPattern, @event));
    }

    [Theory]
    [InlineData("[\">\", 0, \"<=\", 5]", "0", false)]
    [InlineData("[\">\", 0, \"<=\", 5]", "0.000001", true)]
    [InlineData("[\">\", 0, \"<=\", 5]", "5", true)]
    [InlineData("[\">\", 0, \"<=\", 5]", "5.0001", false)]
    [InlineData("[\">=\", 0, \"<\", 5]", "0", true)]
    [InlineData("[\">=\", 0, \"<\", 5]", "5", false)]
    [InlineData("[\">=\", 10]", "10", true)]
    [InlineData("[\">=\", 10]", "9.99", false)]
    [InlineData("[\">\", 10]", "10", false)]
    [InlineData("[\">\", 10]", "1e6", true)]
    [InlineData("[\"<\", 10]", "10", false)]
    [InlineData("[\"<\", 10]", "-1e6", true)]
    [InlineData("[\"<=\", 10]", "10", true)]
    [InlineData("[\"<\", -1e3]", "-1001", true)]
    [InlineData("[\"<\", -1e3]", "-1000", false)]
    [InlineData("[\"=\", 3]", "3", true)]
    [InlineData("[\"=\", 3]", "3.0", true)]
    [InlineData("[\"=\", 3]", "0.3e1", true)]
    [InlineData("[\"=\", 3]", "3.1", false)]
    [InlineData("[\"=\", 300]", "300.0", true)]
    public void Matches_NumericComparison_RespectsOperatorAndBound(string range, string value, bool expected)
    {
        Assert.Equal(expected, Matches($$"""{ "n": [ { "numeric": {{range}} } ] }""", $$"""{ "n": {{value}} }"""));
    }

    [Theory]
    [InlineData("\"5\"")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("{ \"value\": 5 }")]
    public void Matches_NumericAgainstNonNumber_DoesNotMatch(string value)
    {
        Assert.False(Matches("""{ "n": [ { "numeric": [ ">", 0 ] } ] }""", $$"""{ "n": {{value}} }"""));
    }

    [Fact]
    public void Matches_NumericAgainstEventArray_MatchesWhenAnElementIsInRange()
    {
        Assert.True(Matches("""{ "n": [ { "numeric": [ ">", 10 ] } ] }""", """{ "n": [1, "20", 20] }"""));
        Assert.False(Matches("""{ "n": [ { "numeric": [ ">", 10 ] } ] }""", """{ "n": [1, "20", 2] }"""));
    }

    [Fact]
    public void Matches_TwoNumericRangesInOneList_MatchesEither()
    {
        const string pattern = """{ "n": [ { "numeric": [ "<", 0 ] }, { "numeric": [ ">", 100 ] } ] }""";

        Assert.True(Matches(pattern, """{ "n": -5 }"""));
        Assert.True(Matches(pattern, """{ "n": 101 }"""));
        Assert.False(Matches(pattern, """{ "n": 50 }"""));
    }
}
