using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LambdaWorkflow.Orchestrator.State;
using A = LambdaWorkflow.Aws.DynamoDb.StateAttributes;

namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>
/// Lists instances of the state table for operators (<c>lwf instances</c>): a paged Scan of the whole table that keeps
/// the metadata items (<c>sk = "meta"</c>) matching the query.
/// </summary>
/// <remarks>
/// An operator tool, not a hot path: the table has no index by status or time (the turn path does not need one, and
/// an index would add a write to every step), so every listing reads every item, history included, and pays read
/// units for all of them. The filter is applied by DynamoDB, which saves bandwidth, not read units. Results are sorted
/// by last update here, after the scan, so the limit applies to the sorted list.
/// </remarks>
public sealed class DynamoDbInstanceLister : IInstanceLister
{
    private readonly IAmazonDynamoDB _client;
    private readonly DynamoDbRequestRunner _runner;
    private readonly DynamoDbUsage _usage = new();

    /// <summary>Creates the lister over a client the caller owns.</summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="options">The table and retry settings, as for the store.</param>
    public DynamoDbInstanceLister(IAmazonDynamoDB client, DynamoDbStateStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        TableName = options.TableName;
        _runner = new DynamoDbRequestRunner(options, _usage);
    }

    /// <summary>The table.</summary>
    public string TableName { get; }

    /// <summary>Requests and read units the listings have used so far.</summary>
    public DynamoDbUsageSnapshot Usage => _usage.Snapshot();

    /// <inheritdoc />
    public async Task<IReadOnlyList<InstanceMetadata>> ListAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit, nameof(query));
        var (filter, names, values) = Filter(query);
        var found = new List<InstanceMetadata>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var request = new ScanRequest
            {
                TableName = TableName,
                FilterExpression = filter,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
                ExclusiveStartKey = startKey,
                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            };
            var page = await _runner.SendAsync(
                DynamoDbOperation.Scan, "*", token => _client.ScanAsync(request, token), cancellationToken).ConfigureAwait(false);
            _usage.RecordRead(page.ConsumedCapacity);
            found.AddRange((page.Items ?? []).Select(StateItemMapper.ToMetadata));

            // SDK v4: null or empty when this was the last page.
            startKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (startKey is not null);

        return [.. found.OrderByDescending(m => m.UpdatedAt).ThenBy(m => m.InstanceId, StringComparer.Ordinal).Take(query.Limit)];
    }

    private static (string Filter, Dictionary<string, string> Names, Dictionary<string, AttributeValue> Values) Filter(InstanceQuery query)
    {
        var clauses = new List<string> { "#sk = :meta" };
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["#sk"] = A.SortKey };
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":meta"] = AttributeValues.String(A.MetadataSortKey) };
        if (query.Status is { } status)
        {
            clauses.Add("#st = :st");
            names["#st"] = A.Status;
            values[":st"] = AttributeValues.Number((int)status);
        }

        if (query.Workflow is { } workflow)
        {
            clauses.Add("#wf = :wf");
            names["#wf"] = A.Workflow;
            values[":wf"] = AttributeValues.String(workflow);
        }

        if (query.UpdatedAfter is { } after)
        {
            clauses.Add("#ua > :ua");
            names["#ua"] = A.UpdatedAt;
            values[":ua"] = AttributeValues.Time(after);
        }

        return (string.Join(" AND ", clauses), names, values);
    }
}
