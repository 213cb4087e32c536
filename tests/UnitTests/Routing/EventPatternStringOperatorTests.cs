using static LambdaWorkflow.UnitTests.Routing.PatternTesting;

namespace LambdaWorkflow.UnitTests.Routing;

// prefix, suffix and equals-ignore-case, with their case-insensitive forms, per EventBridge's comparison operators page.
public class EventPatternStringOperatorTests
{
    [Theory]
    [InlineData("2017-10-02T18:43:48Z", true)]
    [InlineData("2017-10-02", true)]
    [InlineData("2017-10-03T18:43:48Z", false)]
    [InlineData("x2017-10-02", false)]
    public void Matches_Prefix_MatchesStringsStartingWithIt(string time, bool expected)
    {
        Assert.Equal(expected, Matches("""{ "time": [ { "prefix": "2017-10-02" } ] }""", $$"""{ "time": "{{time}}" }"""));
    }

    [Theory]
    [InlineData("eu-west-1", true)]
    [InlineData("eu-central-1", true)]
    [InlineData("us-east-1", false)]
    public void Matches_PrefixWithOtherField_MatchesEuropeanAutoScalingEvents(string region, bool expected)
    {
        const string pattern = """{ "source": [ "aws.autoscaling" ], "region": [ { "prefix": "eu-" } ] }""";

        Assert.Equal(expected, Matches(pattern, $$"""{ "source": "aws.autoscaling", "region": "{{region}}" }"""));
    }

    [Fact]
    public void Matches_PrefixAgainstNumber_DoesNotMatch()
    {
        Assert.False(Matches("""{ "code": [ { "prefix": "12" } ] }""", """{ "code": 123 }"""));
    }

    [Fact]
    public void Matches_EmptyPrefix_MatchesAnyStringButNotOtherTypes()
    {
        Assert.True(Matches("""{ "name": [ { "prefix": "" } ] }""", """{ "name": "" }"""));
        Assert.False(Matches("""{ "name": [ { "prefix": "" } ] }""", """{ "name": null }"""));
    }

    [Theory]
    [InlineData("EventBridge", true)]
    [InlineData("eventbridge", true)]
    [InlineData("EVENTBRIDGE", true)]
    [InlineData("eVeNtB", true)]
    [InlineData("my-eventbridge", false)]
    public void Matches_PrefixIgnoringCase_MatchesAnyCasing(string service, bool expected)
    {
        const string pattern = """{ "detail": { "service": [ { "prefix": { "equals-ignore-case": "EventB" } } ] } }""";

        Assert.Equal(expected, Matches(pattern, $$"""{ "detail": { "service": "{{service}}" } }"""));
    }

    [Theory]
    [InlineData("image.png", true)]
    [InlineData(".png", true)]
    [InlineData("image.PNG", false)]
    [InlineData("image.png.bak", false)]
    [InlineData("png", false)]
    public void Matches_Suffix_MatchesStringsEndingWithIt(string fileName, bool expected)
    {
        Assert.Equal(expected, Matches("""{ "FileName": [ { "suffix": ".png" } ] }""", $$"""{ "FileName": "{{fileName}}" }"""));
    }

    [Theory]
    [InlineData("image.png", true)]
    [InlineData("IMAGE.PNG", true)]
    [InlineData("image.Png", true)]
    [InlineData("image.jpg", false)]
    public void Matches_SuffixIgnoringCase_MatchesAnyCasing(string fileName, bool expected)
    {
        const string pattern = """{ "detail": { "FileName": [ { "suffix": { "equals-ignore-case": ".png" } } ] } }""";

        Assert.Equal(expected, Matches(pattern, $$"""{ "detail": { "FileName": "{{fileName}}" } }"""));
    }

    [Fact]
    public void Matches_SuffixAgainstEventArray_MatchesWhenAnyElementEndsWithIt()
    {
        Assert.True(Matches("""{ "files": [ { "suffix": ".png" } ] }""", """{ "files": ["a.txt", "b.png"] }"""));
        Assert.False(Matches("""{ "files": [ { "suffix": ".png" } ] }""", """{ "files": ["a.txt", "b.gif"] }"""));
    }

    [Theory]
    [InlineData("Alice", true)]
    [InlineData("alice", true)]
    [InlineData("ALICE", true)]
    [InlineData("Alicia", false)]
    [InlineData("Alice ", false)]
    public void Matches_EqualsIgnoreCase_MatchesSameStringInAnyCasing(string name, bool expected)
    {
        Assert.Equal(expected, Matches("""{ "Name": [ { "equals-ignore-case": "alice" } ] }""", $$"""{ "Name": "{{name}}" }"""));
    }

    [Fact]
    public void Matches_EqualsIgnoreCaseBeyondAscii_FoldsCase()
    {
        Assert.True(Matches("""{ "city": [ { "equals-ignore-case": "ZÜRICH" } ] }""", """{ "city": "zürich" }"""));
    }

    [Fact]
    public void Matches_EqualsIgnoreCaseAgainstNonString_DoesNotMatch()
    {
        Assert.False(Matches("""{ "flag": [ { "equals-ignore-case": "true" } ] }""", """{ "flag": true }"""));
    }

    [Fact]
    public void Matches_StringLongerThanStackBuffer_StillMatches()
    {
        var longValue = "prefix-" + new string('x', 5000) + "-suffix";
        var @event = $$"""{ "value": "{{longValue}}" }""";

        Assert.True(Matches("""{ "value": [ { "prefix": "prefix-x" } ] }""", @event));
        Assert.True(Matches("""{ "value": [ { "suffix": "x-suffix" } ] }""", @event));
        Assert.False(Matches("""{ "value": [ { "suffix": "y-suffix" } ] }""", @event));
        Assert.True(Matches($$"""{ "value": [ "{{longValue}}" ] }""", @event));
    }

    [Fact]
    public void Matches_MixedOperatorsInOneList_MatchesIfAnyMatches()
    {
        const string pattern = """{ "region": [ "ap-south-1", { "prefix": "eu-" }, { "suffix": "-2" } ] }""";

        Assert.True(Matches(pattern, """{ "region": "ap-south-1" }"""));
        Assert.True(Matches(pattern, """{ "region": "eu-north-1" }"""));
        Assert.True(Matches(pattern, """{ "region": "us-east-2" }"""));
        Assert.False(Matches(pattern, """{ "region": "us-east-1" }"""));
    }
}
