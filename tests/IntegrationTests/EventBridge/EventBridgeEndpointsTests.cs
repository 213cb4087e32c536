using Amazon.Runtime;
using LambdaWorkflow.Aws.EventBridge;

namespace LambdaWorkflow.IntegrationTests.EventBridge;

/// <summary>Endpoint URLs per partition, and what the client sends to and signs for.</summary>
public sealed class EventBridgeEndpointsTests
{
    [Theory]
    [InlineData("us-east-1", "https://events.us-east-1.amazonaws.com/")]
    [InlineData("cn-north-1", "https://events.cn-north-1.amazonaws.com.cn/")]
    [InlineData("us-gov-west-1", "https://events.us-gov-west-1.amazonaws.com/")]
    [InlineData("eu-central-1", "https://events.eu-central-1.amazonaws.com/")]
    public void ForRegion_KnownRegion_UsesItsPartitionDnsSuffix(string region, string expected)
    {
        Assert.Equal(new Uri(expected), EventBridgeEndpoints.ForRegion(region));
    }

    [Theory]
    [InlineData("cn-southwest-9", "https://events.cn-southwest-9.amazonaws.com.cn/")]
    [InlineData("us-gov-north-9", "https://events.us-gov-north-9.amazonaws.com/")]
    public void ForRegion_RegionNewerThanTheSdk_PlacedByItsPartitionPattern(string region, string expected)
    {
        Assert.Equal(new Uri(expected), EventBridgeEndpoints.ForRegion(region));
    }

    [Fact]
    public void Constructor_RegionOnly_SendsToRegionalEndpointAndSignsForRegion()
    {
        using var client = new EventBridgePutEventsClient(new EventBridgeClientOptions
        {
            Region = "cn-north-1",
            Credentials = new BasicAWSCredentials("AKID", "secret"),
        });

        Assert.Equal(new Uri("https://events.cn-north-1.amazonaws.com.cn/"), client.ServiceUrl);
        Assert.Equal("cn-north-1", client.SigningRegion);
    }

    [Fact]
    public void Constructor_ServiceUrlWithoutRegion_SignsForUsEast1()
    {
        using var client = new EventBridgePutEventsClient(new EventBridgeClientOptions
        {
            ServiceUrl = new Uri("http://127.0.0.1:4010/"),
            Credentials = new BasicAWSCredentials("AKID", "secret"),
        });

        Assert.Equal(new Uri("http://127.0.0.1:4010/"), client.ServiceUrl);
        Assert.Equal("us-east-1", client.SigningRegion);
    }

    [Fact]
    public void CalculateSize_FollowsAwsEntrySizeRule()
    {
        var entry = new PutEventsRequestEntry
        {
            Source = "src",
            DetailType = "type",
            Detail = "{\"k\":\"é\"}",
            EventBusName = "a-long-bus-name-that-does-not-count",
            Time = DateTimeOffset.UnixEpoch,
            Resources = ["arn:1", "arn:22"],
            TraceHeader = "not counted either",
        };

        // 14 for Time + 3 + 4 + 10 (é is two bytes) + 5 + 6.
        Assert.Equal(42, entry.CalculateSize());
    }
}
