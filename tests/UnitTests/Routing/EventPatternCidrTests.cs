using static LambdaWorkflow.UnitTests.Routing.PatternTesting;

namespace LambdaWorkflow.UnitTests.Routing;

// cidr: IPv4 and IPv6 address blocks.
public class EventPatternCidrTests
{
    private static bool InBlock(string block, string valueJson) =>
        Matches($$"""{ "detail": { "sourceIPAddress": [ { "cidr": "{{block}}" } ] } }""", $$"""{ "detail": { "sourceIPAddress": {{valueJson}} } }""");

    [Theory]
    [InlineData("\"10.0.0.0\"", true)]
    [InlineData("\"10.0.0.33\"", true)]
    [InlineData("\"10.0.0.255\"", true)]
    [InlineData("\"10.0.1.0\"", false)]
    [InlineData("\"11.0.0.1\"", false)]
    [InlineData("\"10.0.0\"", false)]
    [InlineData("\"10.0.0.256\"", false)]
    [InlineData("\"10.0.0.1.5\"", false)]
    [InlineData("\"10.0.0.x\"", false)]
    [InlineData("\"\"", false)]
    [InlineData("167772161", false)]
    public void Matches_IPv4Block24_MatchesAddressesInTheBlockOnly(string value, bool expected)
    {
        Assert.Equal(expected, InBlock("10.0.0.0/24", value));
    }

    [Theory]
    [InlineData("\"172.16.0.0\"", true)]
    [InlineData("\"172.16.15.255\"", true)]
    [InlineData("\"172.16.16.0\"", false)]
    [InlineData("\"172.15.255.255\"", false)]
    public void Matches_BlockNotOnByteBoundary_ComparesTheLeadingBits(string value, bool expected)
    {
        Assert.Equal(expected, InBlock("172.16.0.0/20", value));
    }

    [Theory]
    [InlineData("\"2001:db8::1\"", true)]
    [InlineData("\"2001:0db8:ffff:ffff:ffff:ffff:ffff:ffff\"", true)]
    [InlineData("\"2001:db9::1\"", false)]
    [InlineData("\"10.0.0.1\"", false)]
    public void Matches_IPv6Block_MatchesAddressesInTheBlockOnly(string value, bool expected)
    {
        Assert.Equal(expected, InBlock("2001:db8::/32", value));
    }

    [Fact]
    public void Matches_IPv4AddressAgainstIPv6Block_DoesNotMatch()
    {
        Assert.False(InBlock("::/0", "\"10.0.0.1\""));
        Assert.True(InBlock("0.0.0.0/0", "\"10.0.0.1\""));
    }

    [Fact]
    public void Matches_BlockWithHostBitsSet_UsesTheNetworkPart()
    {
        Assert.True(InBlock("10.0.0.7/24", "\"10.0.0.200\""));
    }

    [Fact]
    public void Matches_CidrAgainstEventArray_MatchesWhenAnAddressIsInTheBlock()
    {
        Assert.True(InBlock("10.0.0.0/8", "[\"192.168.0.1\", \"10.20.30.40\"]"));
    }
}
