using static LambdaWorkflow.UnitTests.Routing.PatternTesting;

namespace LambdaWorkflow.UnitTests.Routing;

// wildcard: '*' is any run of characters (including none); '\*' and '\\' (in JSON: "\\*", "\\\\") are literals.
public class EventPatternWildcardTests
{
    private static bool WildcardMatches(string expressionJson, string valueJson) =>
        Matches($$"""{ "f": [ { "wildcard": {{expressionJson}} } ] }""", $$"""{ "f": {{valueJson}} }""");

    [Theory]
    [InlineData("\"dir/a.png\"", true)]
    [InlineData("\"dir/sub/a.png\"", true)]
    [InlineData("\"dir/.png\"", true)]
    [InlineData("\"dir/a.jpg\"", false)]
    [InlineData("\"other/dir/a.png\"", false)]
    [InlineData("\"dir/a.png/x\"", false)]
    public void Matches_DocumentedPathWildcard_MatchesPngFilesUnderDir(string value, bool expected)
    {
        Assert.Equal(expected, WildcardMatches("\"dir/*.png\"", value));
    }

    [Theory]
    [InlineData("\"Simple Notification Service\"", true)]
    [InlineData("\"SimpleService\"", true)]
    [InlineData("\"Simple Service Extra\"", false)]
    [InlineData("\"simple Service\"", false)]
    public void Matches_StarInTheMiddle_MatchesAnyRun(string value, bool expected)
    {
        Assert.Equal(expected, WildcardMatches("\"Simple*Service\"", value));
    }

    [Theory]
    [InlineData("\"My Title Here\"", true)]
    [InlineData("\"Title\"", true)]
    [InlineData("\"my title\"", false)]
    public void Matches_StarsAtBothEnds_MatchesContainedText(string value, bool expected)
    {
        Assert.Equal(expected, WildcardMatches("\"*Title*\"", value));
    }

    [Theory]
    [InlineData("\"abc\"", true)]
    [InlineData("\"aXbYc\"", true)]
    [InlineData("\"abcbc\"", true)]
    [InlineData("\"a-b-c-b\"", false)]
    [InlineData("\"acb\"", false)]
    [InlineData("\"ab\"", false)]
    [InlineData("\"xabc\"", false)]
    public void Matches_SeveralStars_MatchesPiecesInOrder(string value, bool expected)
    {
        Assert.Equal(expected, WildcardMatches("\"a*b*c\"", value));
    }

    [Theory]
    [InlineData("\"aaa\"", false)]
    [InlineData("\"aaaa\"", true)]
    [InlineData("\"xaayaaz\"", true)]
    public void Matches_RepeatedPieces_DoNotOverlap(string value, bool expected)
    {
        Assert.Equal(expected, WildcardMatches("\"*aa*aa*\"", value));
    }

    [Theory]
    [InlineData("\"a*b\"", true)]
    [InlineData("\"axb\"", false)]
    [InlineData("\"ab\"", false)]
    public void Matches_EscapedStar_MatchesALiteralStar(string value, bool expected)
    {
        Assert.Equal(expected, WildcardMatches("\"a\\\\*b\"", value));
    }

    [Theory]
    [InlineData("\"*abc\"", true)]
    [InlineData("\"*\"", true)]
    [InlineData("\"abc\"", false)]
    public void Matches_EscapedStarThenWildcard_RequiresLeadingStar(string value, bool expected)
    {
        Assert.Equal(expected, WildcardMatches("\"\\\\**\"", value));
    }

    [Theory]
    [InlineData("\"C:\\\\temp\\\\x.log\"", true)]
    [InlineData("\"C:/temp/x.log\"", false)]
    public void Matches_EscapedBackslash_MatchesALiteralBackslash(string value, bool expected)
    {
        Assert.Equal(expected, WildcardMatches("\"C:\\\\\\\\*\\\\\\\\*.log\"", value));
    }

    [Theory]
    [InlineData("\"exact\"", true)]
    [InlineData("\"exactly\"", false)]
    public void Matches_NoStar_MatchesExactly(string value, bool expected)
    {
        Assert.Equal(expected, WildcardMatches("\"exact\"", value));
    }

    [Theory]
    [InlineData("\"\"", true)]
    [InlineData("\"anything\"", true)]
    [InlineData("42", false)]
    [InlineData("null", false)]
    public void Matches_LoneStar_MatchesAnyStringOnly(string value, bool expected)
    {
        Assert.Equal(expected, WildcardMatches("\"*\"", value));
    }
}
