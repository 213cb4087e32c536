using static LambdaWorkflow.UnitTests.Routing.PatternTesting;

namespace LambdaWorkflow.UnitTests.Routing;

// anything-but in all its documented forms. The field must be present; against an event array, any element
// outside the exclusions is enough (as in EventBridge's and SNS's documentation of the operator).
public class EventPatternAnythingButTests
{
    [Theory]
    [InlineData("\"running\"", true)]
    [InlineData("\"Initializing\"", true)]
    [InlineData("\"initializing\"", false)]
    [InlineData("42", true)]
    [InlineData("null", true)]
    public void Matches_AnythingButString_MatchesAnyOtherValue(string state, bool expected)
    {
        const string pattern = """{ "detail": { "state": [ { "anything-but": "initializing" } ] } }""";

        Assert.Equal(expected, Matches(pattern, $$"""{ "detail": { "state": {{state}} } }"""));
    }

    [Theory]
    [InlineData("124", true)]
    [InlineData("123", false)]
    [InlineData("123.0", false)]
    [InlineData("1.23e2", false)]
    [InlineData("\"123\"", true)]
    public void Matches_AnythingButNumber_ComparesNumerically(string limit, bool expected)
    {
        const string pattern = """{ "detail": { "x-limit": [ { "anything-but": 123 } ] } }""";

        Assert.Equal(expected, Matches(pattern, $$"""{ "detail": { "x-limit": {{limit}} } }"""));
    }

    [Theory]
    [InlineData("running", true)]
    [InlineData("stopped", false)]
    [InlineData("overloaded", false)]
    public void Matches_AnythingButStringList_ExcludesEveryListedValue(string state, bool expected)
    {
        const string pattern = """{ "detail": { "state": [ { "anything-but": [ "stopped", "overloaded" ] } ] } }""";

        Assert.Equal(expected, Matches(pattern, $$"""{ "detail": { "state": "{{state}}" } }"""));
    }

    [Theory]
    [InlineData("150", true)]
    [InlineData("100", false)]
    [InlineData("2e2", false)]
    [InlineData("300.00", false)]
    public void Matches_AnythingButNumberList_ExcludesEveryListedValue(string limit, bool expected)
    {
        const string pattern = """{ "detail": { "x-limit": [ { "anything-but": [ 100, 200, 300 ] } ] } }""";

        Assert.Equal(expected, Matches(pattern, $$"""{ "detail": { "x-limit": {{limit}} } }"""));
    }

    [Fact]
    public void Matches_AnythingButOnMissingField_DoesNotMatch()
    {
        Assert.False(Matches("""{ "detail": { "state": [ { "anything-but": "initializing" } ] } }""", """{ "detail": {} }"""));
        Assert.False(Matches("""{ "detail": { "state": [ { "anything-but": "initializing" } ] } }""", """{ "source": "x" }"""));
    }

    [Fact]
    public void Matches_AnythingButAgainstEventArray_MatchesWhenAnElementIsNotExcluded()
    {
        const string pattern = """{ "price": [ { "anything-but": [ 100, 500 ] } ] }""";

        Assert.True(Matches(pattern, """{ "price": [100, 50] }"""));
        Assert.False(Matches(pattern, """{ "price": [100, 500] }"""));
        Assert.False(Matches(pattern, """{ "price": [] }"""));
    }

    [Theory]
    [InlineData("\"running\"", true)]
    [InlineData("\"initializing\"", false)]
    [InlineData("\"init\"", false)]
    [InlineData("\"Init\"", true)]
    [InlineData("7", true)]
    public void Matches_AnythingButPrefix_ExcludesStringsWithThePrefix(string state, bool expected)
    {
        const string pattern = """{ "detail": { "state": [ { "anything-but": { "prefix": "init" } } ] } }""";

        Assert.Equal(expected, Matches(pattern, $$"""{ "detail": { "state": {{state}} } }"""));
    }

    [Theory]
    [InlineData("ca-central-1", true)]
    [InlineData("us-east-1", false)]
    [InlineData("eu-west-1", false)]
    public void Matches_AnythingButPrefixList_ExcludesEveryPrefix(string region, bool expected)
    {
        const string pattern = """{ "region": [ { "anything-but": { "prefix": [ "us-", "eu-" ] } } ] }""";

        Assert.Equal(expected, Matches(pattern, $$"""{ "region": "{{region}}" }"""));
    }

    [Theory]
    [InlineData("notes.txt", true)]
    [InlineData("image.png", false)]
    [InlineData("image.PNG", true)]
    public void Matches_AnythingButSuffix_ExcludesStringsWithTheSuffix(string fileName, bool expected)
    {
        const string pattern = """{ "FileName": [ { "anything-but": { "suffix": ".png" } } ] }""";

        Assert.Equal(expected, Matches(pattern, $$"""{ "FileName": "{{fileName}}" }"""));
    }

    [Theory]
    [InlineData("image.png", true)]
    [InlineData("notes.txt", false)]
    [InlineData("essay.rtf", false)]
    public void Matches_AnythingButSuffixList_ExcludesEverySuffix(string fileName, bool expected)
    {
        const string pattern = """{ "FileName": [ { "anything-but": { "suffix": [ ".txt", ".rtf" ] } } ] }""";

        Assert.Equal(expected, Matches(pattern, $$"""{ "FileName": "{{fileName}}" }"""));
    }

    [Theory]
    [InlineData("running", true)]
    [InlineData("initializing", false)]
    [InlineData("INITIALIZING", false)]
    [InlineData("Initializing", false)]
    public void Matches_AnythingButIgnoringCase_ExcludesAnyCasing(string state, bool expected)
    {
        const string pattern = """{ "detail": { "state": [ { "anything-but": { "equals-ignore-case": "initializing" } } ] } }""";

        Assert.Equal(expected, Matches(pattern, $$"""{ "detail": { "state": "{{state}}" } }"""));
    }

    [Theory]
    [InlineData("running", true)]
    [InlineData("STOPPED", false)]
    [InlineData("Initializing", false)]
    public void Matches_AnythingButIgnoringCaseList_ExcludesEveryValueInAnyCasing(string state, bool expected)
    {
        const string pattern = """{ "state": [ { "anything-but": { "equals-ignore-case": [ "initializing", "stopped" ] } } ] }""";

        Assert.Equal(expected, Matches(pattern, $$"""{ "state": "{{state}}" }"""));
    }

    [Theory]
    [InlineData("/usr/bin/tool", true)]
    [InlineData("/usr/lib/tool", false)]
    [InlineData("/lib/tool", false)]
    [InlineData("lib/tool", true)]
    public void Matches_AnythingButWildcard_ExcludesMatchingPaths(string path, bool expected)
    {
        const string pattern = """{ "FilePath": [ { "anything-but": { "wildcard": "*/lib/*" } } ] }""";

        Assert.Equal(expected, Matches(pattern, $$"""{ "FilePath": "{{path}}" }"""));
    }

    [Theory]
    [InlineData("/etc/tool", true)]
    [InlineData("/usr/lib/tool", false)]
    [InlineData("/usr/bin/tool", false)]
    public void Matches_AnythingButWildcardList_ExcludesEveryExpression(string path, bool expected)
    {
        const string pattern = """{ "FilePath": [ { "anything-but": { "wildcard": [ "*/lib/*", "*/bin/*" ] } } ] }""";

        Assert.Equal(expected, Matches(pattern, $$"""{ "FilePath": "{{path}}" }"""));
    }

    [Fact]
    public void Matches_AnythingButCombinedWithOtherFields_AllMustMatch()
    {
        // The documented complex example: prefix, anything-but and numeric on one event.
        const string pattern = """
            {
              "time": [ { "prefix": "2017-10-02" } ],
              "detail": {
                "state": [ { "anything-but": "initializing" } ],
                "c-count": [ { "numeric": [ ">", 0, "<=", 5 ] } ],
                "d-count": [ { "numeric": [ "<", 10 ] } ],
                "x-limit": [ { "anything-but": [ 100, 200, 300 ] } ]
              }
            }
            """;
        const string @event = """
            { "time": "2017-10-02T16:24:49Z",
              "detail": { "state": "running", "c-count": 5, "d-count": 3, "x-limit": 301.8 } }
            """;

        Assert.True(Matches(pattern, @event));
        Assert.False(Matches(pattern, @event.Replace("\"running\"", "\"initializing\"", StringComparison.Ordinal)));
        Assert.False(Matches(pattern, @event.Replace("301.8", "300", StringComparison.Ordinal)));
    }
}
