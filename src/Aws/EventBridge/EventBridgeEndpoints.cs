using Amazon;
using Amazon.Runtime;

namespace LambdaWorkflow.Aws.EventBridge;

/// <summary>
/// Where EventBridge requests go and which region signs them. AWSSDK.Core resolves no EventBridge endpoint (that rule
/// set ships with AWSSDK.EventBridge), so the URL is built from the standard pattern and Core's partition metadata.
/// </summary>
public static class EventBridgeEndpoints
{
    /// <summary>EventBridge's SigV4 signing name.</summary>
    public const string SigningName = "events";

    /// <summary>The region signed for when only a <see cref="EventBridgeClientOptions.ServiceUrl"/> is known.</summary>
    public const string DefaultLocalRegion = "us-east-1";

    /// <summary>
    /// The regional endpoint, <c>https://events.{region}.{partition DNS suffix}/</c>: <c>amazonaws.com</c> for the
    /// commercial and GovCloud partitions, <c>amazonaws.com.cn</c> for China, and so on. Regions unknown to this
    /// version of the SDK are placed in a partition by its region-name patterns (<c>cn-*</c>, <c>us-gov-*</c>, ...).
    /// </summary>
    /// <param name="region">A region's system name, such as <c>us-east-1</c>.</param>
    public static Uri ForRegion(string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        var endpoint = RegionEndpoint.GetBySystemName(region);
        return new Uri($"https://{SigningName}.{endpoint.SystemName}.{endpoint.PartitionDnsSuffix}/");
    }

    /// <summary>Resolves the URL to send to and the region to sign for, from the options or the SDK's fallbacks.</summary>
    /// <exception cref="InvalidOperationException">No region is configured or discoverable and no service URL is set.</exception>
    internal static (Uri Url, RegionEndpoint SigningRegion) Resolve(EventBridgeClientOptions options)
    {
        var regionName = options.Region;
        if (regionName is null && options.ServiceUrl is null)
        {
            // Only reached without an explicit region: the fallback may read the profile or instance metadata.
            regionName = FallbackRegionFactory.GetRegionEndpoint()?.SystemName
                ?? throw new InvalidOperationException(
                    "No AWS region for EventBridge: set EventBridgeClientOptions.Region or the AWS_REGION environment variable.");
        }

        var region = RegionEndpoint.GetBySystemName(regionName ?? DefaultLocalRegion);
        return (options.ServiceUrl ?? ForRegion(region.SystemName), region);
    }
}
