using LambdaWorkflow.Local.Routing;

namespace LambdaWorkflow.UnitTests.Routing;

// Invalid patterns: each one throws EventPatternException naming the place in the pattern that is wrong.
public class EventPatternParseTests
{
    [Theory]
    [InlineData("not json", "$")]
    [InlineData("""{ "source": ["a"] """, "$")]
    [InlineData("""["aws.ec2"]""", "$")]
    [InlineData("\"aws.ec2\"", "$")]
    [InlineData("null", "$")]
    [InlineData("{}", "$")]
    [InlineData("""{ "detail": {} }""", "detail")]
    public void Parse_NotAPatternObject_ThrowsAtPath(string pattern, string path)
    {
        AssertInvalid(pattern, path);
    }

    [Theory]
    [InlineData("""{ "source": "aws.ec2" }""", "source")]
    [InlineData("""{ "detail": { "state": "running" } }""", "detail.state")]
    [InlineData("""{ "detail": { "count": 5 } }""", "detail.count")]
    [InlineData("""{ "detail": { "flag": true } }""", "detail.flag")]
    [InlineData("""{ "detail": { "value": null } }""", "detail.value")]
    [InlineData("""{ "source": [] }""", "source")]
    [InlineData("""{ "source": [ [ "aws.ec2" ] ] }""", "source[0]")]
    [InlineData("""{ "source": [ "ok", [ "aws.ec2" ] ] }""", "source[1]")]
    [InlineData("""{ "n": [ 1e400 ] }""", "n[0]")]
    public void Parse_LeafIsNotAMatchList_ThrowsAtPath(string pattern, string path)
    {
        AssertInvalid(pattern, path);
    }

    [Theory]
    [InlineData("""{ "source": [ { "foo": 1 } ] }""", "source[0].foo")]
    [InlineData("""{ "detail": { "state": [ "ok", { "regex": "a.*" } ] } }""", "detail.state[1].regex")]
    [InlineData("""{ "source": [ {} ] }""", "source[0]")]
    [InlineData("""{ "source": [ { "prefix": "a", "suffix": "b" } ] }""", "source[0]")]
    [InlineData("""{ "source": [ { "Prefix": "a" } ] }""", "source[0].Prefix")]
    public void Parse_UnknownOrMalformedOperator_ThrowsAtPath(string pattern, string path)
    {
        AssertInvalid(pattern, path);
    }

    [Theory]
    [InlineData("""[ ">", 0, "<=" ]""")]
    [InlineData("""[ ">" ]""")]
    [InlineData("""[ "!=", 1 ]""")]
    [InlineData("""[ "==", 1 ]""")]
    [InlineData("""[ 1, ">" ]""")]
    [InlineData("""[ ">", "5" ]""")]
    [InlineData("""[ ">", null ]""")]
    [InlineData("""[]""")]
    [InlineData("\">\"")]
    [InlineData("5")]
    [InlineData("""[ ">", 0, "<", 5, "<", 6 ]""")]
    [InlineData("""[ "<", 5, ">", 0 ]""")]
    [InlineData("""[ ">", 0, ">", 5 ]""")]
    [InlineData("""[ "=", 1, "<", 5 ]""")]
    [InlineData("""[ ">", 5, "<", 5 ]""")]
    [InlineData("""[ ">=", 6, "<=", 5 ]""")]
    public void Parse_InvalidNumeric_ThrowsAtNumericPath(string numeric)
    {
        AssertInvalid($$"""{ "detail": { "amount": [ { "numeric": {{numeric}} } ] } }""", "detail.amount[0].numeric");
    }

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("1")]
    [InlineData("null")]
    [InlineData("[true]")]
    public void Parse_ExistsWithNonBoolean_ThrowsAtExistsPath(string argument)
    {
        AssertInvalid($$"""{ "detail": { "state": [ { "exists": {{argument}} } ] } }""", "detail.state[0].exists");
    }

    [Theory]
    [InlineData("""{ "$or": { "source": ["a"] } }""", "$or")]
    [InlineData("""{ "$or": [] }""", "$or")]
    [InlineData("""{ "$or": [ { "source": ["a"] } ] }""", "$or")]
    [InlineData("""{ "$or": "source" }""", "$or")]
    [InlineData("""{ "$or": [ { "source": ["a"] }, "aws.ec2" ] }""", "$or[1]")]
    [InlineData("""{ "$or": [ { "source": ["a"] }, {} ] }""", "$or[1]")]
    [InlineData("""{ "$or": [ { "source": ["a"] }, [ { "source": ["b"] } ] ] }""", "$or[1]")]
    [InlineData("""{ "detail": { "$or": [ { "a": ["1"] } ] } }""", "detail.$or")]
    [InlineData("""{ "$or": [ { "a": ["1"] }, { "$or": [ { "b": ["2"] } ] } ] }""", "$or[1].$or")]
    [InlineData("""{ "$or": [ { "prefix": ["a"] }, { "b": ["2"] } ] }""", "$or[0].prefix")]
    [InlineData("""{ "$or": [ { "a": ["1"] }, { "b": { "numeric": ["2"] } } ] }""", "$or[1].b.numeric")]
    [InlineData("""{ "$or": [ { "a": ["1"] }, { "b": "2" } ] }""", "$or[1].b")]
    public void Parse_InvalidOr_ThrowsAtPath(string pattern, string path)
    {
        AssertInvalid(pattern, path);
    }

    [Theory]
    [InlineData("""{ "a": [ { "prefix": 5 } ] }""", "a[0].prefix")]
    [InlineData("""{ "a": [ { "prefix": null } ] }""", "a[0].prefix")]
    [InlineData("""{ "a": [ { "prefix": [ "x" ] } ] }""", "a[0].prefix")]
    [InlineData("""{ "a": [ { "prefix": { "foo": "x" } } ] }""", "a[0].prefix.foo")]
    [InlineData("""{ "a": [ { "prefix": { "equals-ignore-case": 1 } } ] }""", "a[0].prefix.equals-ignore-case")]
    [InlineData("""{ "a": [ { "prefix": {} } ] }""", "a[0].prefix")]
    [InlineData("""{ "a": [ { "suffix": true } ] }""", "a[0].suffix")]
    [InlineData("""{ "a": [ { "suffix": { "equals-ignore-case": [ "x" ] } } ] }""", "a[0].suffix.equals-ignore-case")]
    [InlineData("""{ "a": [ { "equals-ignore-case": 1 } ] }""", "a[0].equals-ignore-case")]
    [InlineData("""{ "a": [ { "wildcard": 1 } ] }""", "a[0].wildcard")]
    [InlineData("""{ "a": [ { "wildcard": "a**b" } ] }""", "a[0].wildcard")]
    [InlineData("""{ "a": [ { "wildcard": "a\\b" } ] }""", "a[0].wildcard")]
    [InlineData("""{ "a": [ { "wildcard": "ab\\" } ] }""", "a[0].wildcard")]
    [InlineData("""{ "a": [ { "cidr": "10.0.0.0" } ] }""", "a[0].cidr")]
    [InlineData("""{ "a": [ { "cidr": "10.0.0.0/33" } ] }""", "a[0].cidr")]
    [InlineData("""{ "a": [ { "cidr": "10.0.0/8" } ] }""", "a[0].cidr")]
    [InlineData("""{ "a": [ { "cidr": "10.0.0.0/-1" } ] }""", "a[0].cidr")]
    [InlineData("""{ "a": [ { "cidr": "2001:db8::/129" } ] }""", "a[0].cidr")]
    [InlineData("""{ "a": [ { "cidr": 10 } ] }""", "a[0].cidr")]
    public void Parse_StringOperatorWithBadArgument_ThrowsAtOperatorPath(string pattern, string path)
    {
        AssertInvalid(pattern, path);
    }

    [Theory]
    [InlineData("""{ "a": [ { "anything-but": null } ] }""", "a[0].anything-but")]
    [InlineData("""{ "a": [ { "anything-but": true } ] }""", "a[0].anything-but")]
    [InlineData("""{ "a": [ { "anything-but": [] } ] }""", "a[0].anything-but")]
    [InlineData("""{ "a": [ { "anything-but": [ "x", 1 ] } ] }""", "a[0].anything-but[1]")]
    [InlineData("""{ "a": [ { "anything-but": [ null ] } ] }""", "a[0].anything-but[0]")]
    [InlineData("""{ "a": [ { "anything-but": [ "x", [ "y" ] ] } ] }""", "a[0].anything-but[1]")]
    [InlineData("""{ "a": [ { "anything-but": {} } ] }""", "a[0].anything-but")]
    [InlineData("""{ "a": [ { "anything-but": { "numeric": [ ">", 1 ] } } ] }""", "a[0].anything-but.numeric")]
    [InlineData("""{ "a": [ { "anything-but": { "prefix": "" } } ] }""", "a[0].anything-but.prefix")]
    [InlineData("""{ "a": [ { "anything-but": { "prefix": 1 } } ] }""", "a[0].anything-but.prefix")]
    [InlineData("""{ "a": [ { "anything-but": { "prefix": [] } } ] }""", "a[0].anything-but.prefix")]
    [InlineData("""{ "a": [ { "anything-but": { "suffix": [ ".txt", "" ] } } ] }""", "a[0].anything-but.suffix[1]")]
    [InlineData("""{ "a": [ { "anything-but": { "equals-ignore-case": [ "x", 1 ] } } ] }""", "a[0].anything-but.equals-ignore-case[1]")]
    [InlineData("""{ "a": [ { "anything-but": { "wildcard": [ "*/lib/*", "a**" ] } } ] }""", "a[0].anything-but.wildcard[1]")]
    [InlineData("""{ "a": [ { "anything-but": { "prefix": "a", "suffix": "b" } } ] }""", "a[0].anything-but")]
    public void Parse_InvalidAnythingBut_ThrowsAtPath(string pattern, string path)
    {
        AssertInvalid(pattern, path);
    }

    [Fact]
    public void Parse_InvalidPattern_MessageNamesPathAndProblem()
    {
        var ex = Assert.Throws<EventPatternException>(
            () => EventPattern.Parse("""{ "detail": { "amount": [ { "numeric": [ ">", 0, "<=" ] } ] } }"""));

        Assert.Equal("detail.amount[0].numeric", ex.Path);
        Assert.Contains("detail.amount[0].numeric", ex.Message, StringComparison.Ordinal);
        Assert.Contains("3 elements", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedJson_KeepsTheParserErrorAsInner()
    {
        var ex = Assert.Throws<EventPatternException>(() => EventPattern.Parse("{ \"source\": "));

        Assert.IsAssignableFrom<System.Text.Json.JsonException>(ex.InnerException);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => EventPattern.Parse(null!));
    }

    [Theory]
    [InlineData("""{ "source": [ "lambda-workflow" ] }""")]
    [InlineData("""{"detail":{"amount":[{"numeric":[">",0,"<=",5]}],"$or":[{"a":["1"]},{"b":[{"exists":false}]}]}}""")]
    public void ToString_ReturnsThePatternJson(string pattern)
    {
        Assert.Equal(pattern, EventPattern.Parse(pattern).ToString());
    }

    [Fact]
    public void Parse_FieldNamedLikeAnOperatorOutsideOr_IsAField()
    {
        var pattern = EventPattern.Parse("""{ "detail": { "prefix": [ "abc" ] } }""");

        Assert.True(pattern.Matches("""{ "detail": { "prefix": "abc" } }"""));
    }

    private static void AssertInvalid(string pattern, string expectedPath)
    {
        var ex = Assert.Throws<EventPatternException>(() => EventPattern.Parse(pattern));
        Assert.Equal(expectedPath, ex.Path);
    }
}
