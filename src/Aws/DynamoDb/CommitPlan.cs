using Amazon.DynamoDBv2.Model;

namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>The items one commit writes: closed segments first (when the tail overflowed), then the metadata item.</summary>
/// <param name="Segments">The segment items with the sequence of each one's first event, in sequence order; usually none.</param>
/// <param name="MetadataItem">The metadata item, carrying the open tail.</param>
/// <param name="Layout">The layout once the metadata item is committed.</param>
internal sealed record CommitPlan(
    IReadOnlyList<(int FirstSequence, Dictionary<string, AttributeValue> Item)> Segments,
    Dictionary<string, AttributeValue> MetadataItem,
    InstanceLayout Layout);
