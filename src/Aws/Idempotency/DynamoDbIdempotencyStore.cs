using System.Globalization;
using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using LambdaWorkflow.ServiceHost.Idempotency;
using Polly;
using Polly.Retry;

namespace LambdaWorkflow.Aws.Idempotency;

/// <summary>
/// Idempotency records in DynamoDB, one item per call: a conditional put of the in-progress record with its lease
/// (<c>attribute_not_exists</c>), conditional replaces on the version (completion with the reply, pending callback,
/// takeover after the lease), a conditional delete (release), strongly consistent reads, and a TTL attribute.
/// </summary>
/// <remarks>
/// Each operation is one request of about 1 KB, so one write unit, plus the reply's size on completion. Throttling,
/// 5xx and network errors are retried with backoff; a condition that fails is an answer (false), not an error.
/// </remarks>
public sealed class DynamoDbIdempotencyStore : IIdempotencyStore
{
    private const string Status = "st";
    private const string Version = "v";
    private const string Owner = "ow";
    private const string Lease = "lu";
    private const string Reply = "rp";
    private const string CallbackDeadline = "cd";
    private const string HeartbeatDeadline = "hd";
    private const string Expires = "ex";
    private const string Key = "k";

    private readonly IAmazonDynamoDB _dynamoDb;
    private readonly DynamoDbIdempotencyOptions _options;
    private readonly ResiliencePipeline _retry;

    /// <summary>Creates the store.</summary>
    /// <param name="dynamoDb">The DynamoDB client (its <c>ServiceURL</c> may point at a local emulator).</param>
    /// <param name="options">The table and key layout.</param>
    /// <exception cref="ArgumentException">The table name or a key name is missing.</exception>
    public DynamoDbIdempotencyStore(IAmazonDynamoDB dynamoDb, DynamoDbIdempotencyOptions options)
    {
        ArgumentNullException.ThrowIfNull(dynamoDb);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _dynamoDb = dynamoDb;
        _options = options;
        var builder = new ResiliencePipelineBuilder { Name = "lwf.idempotency.dynamodb", TimeProvider = options.TimeProvider };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && IsTransient(ex)),
            });
        }

        _retry = builder.Build();
    }

    /// <inheritdoc />
    public async Task<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var request = new GetItemRequest { TableName = _options.TableName, Key = ItemKey(key), ConsistentRead = true };
        var response = await _retry.ExecuteAsync(
            static (state, token) => new ValueTask<GetItemResponse>(state.Db.GetItemAsync(state.Request, token)),
            (Db: _dynamoDb, Request: request),
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? Read(key, item) : null;
    }

    /// <inheritdoc />
    public Task<bool> TryCreateAsync(IdempotencyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return PutAsync(record, "attribute_not_exists(#pk)", expectedVersion: null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryReplaceAsync(IdempotencyRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Version <= expectedVersion)
        {
            throw new ArgumentException($"The replacement's version {record.Version} must be above the expected version {expectedVersion}.", nameof(record));
        }

        return PutAsync(record, "#v = :expected", expectedVersion, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryDeleteAsync(string key, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var request = new DeleteItemRequest
        {
            TableName = _options.TableName,
            Key = ItemKey(key),
            ConditionExpression = "#v = :expected",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#v"] = Version },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":expected"] = Number(expectedVersion) },
        };
        return ConditionalAsync(
            static (state, token) => state.Db.DeleteItemAsync(state.Request, token),
            (Db: _dynamoDb, Request: request),
            cancellationToken);
    }

    private Task<bool> PutAsync(IdempotencyRecord record, string condition, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(record.Key, nameof(record));
        ArgumentOutOfRangeException.ThrowIfLessThan(record.Version, 1, nameof(record));
        var names = new Dictionary<string, string>();
        var values = new Dictionary<string, AttributeValue>();
        if (expectedVersion is { } expected)
        {
            names["#v"] = Version;
            values[":expected"] = Number(expected);
        }
        else
        {
            names["#pk"] = _options.PartitionKeyName;
        }

        var request = new PutItemRequest
        {
            TableName = _options.TableName,
            Item = Write(record),
            ConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values.Count > 0 ? values : null,
        };
        return ConditionalAsync(
            static (state, token) => state.Db.PutItemAsync(state.Request, token),
            (Db: _dynamoDb, Request: request),
            cancellationToken);
    }

    private async Task<bool> ConditionalAsync<TState, TResponse>(
        Func<TState, CancellationToken, Task<TResponse>> call, TState state, CancellationToken cancellationToken)
    {
        try
        {
            await _retry.ExecuteAsync(
                static async (s, token) => await s.Call(s.State, token).ConfigureAwait(false),
                (Call: call, State: state),
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private Dictionary<string, AttributeValue> ItemKey(string key)
    {
        var item = new Dictionary<string, AttributeValue> { [_options.PartitionKeyName] = new AttributeValue { S = _options.KeyPrefix + key } };
        if (_options.SortKeyName is { } sortKey)
        {
            item[sortKey] = new AttributeValue { S = _options.SortKeyValue };
        }

        return item;
    }

    private Dictionary<string, AttributeValue> Write(IdempotencyRecord record)
    {
        var item = ItemKey(record.Key);
        item[Key] = new AttributeValue { S = record.Key };
        item[Status] = Number((int)record.Status);
        item[Version] = Number(record.Version);
        item[Expires] = Number(record.ExpiresAt.ToUnixTimeMilliseconds());
        item[_options.TimeToLiveAttributeName] = Number(record.ExpiresAt.ToUnixTimeSeconds());
        if (record.Owner is { } owner)
        {
            item[Owner] = new AttributeValue { S = owner };
        }

        if (record.Reply is { } reply)
        {
            item[Reply] = new AttributeValue { S = reply };
        }

        AddTime(item, Lease, record.LeaseExpiresAt);
        AddTime(item, CallbackDeadline, record.CallbackDeadline);
        AddTime(item, HeartbeatDeadline, record.HeartbeatDeadline);
        return item;
    }

    private static IdempotencyRecord Read(string key, Dictionary<string, AttributeValue> item) => new()
    {
        Key = item.TryGetValue(Key, out var k) && k.S is { } stored ? stored : key,
        Status = (IdempotencyStatus)int.Parse(item[Status].N, CultureInfo.InvariantCulture),
        Version = long.Parse(item[Version].N, CultureInfo.InvariantCulture),
        Owner = item.TryGetValue(Owner, out var owner) ? owner.S : null,
        LeaseExpiresAt = Time(item, Lease),
        Reply = item.TryGetValue(Reply, out var reply) ? reply.S : null,
        CallbackDeadline = Time(item, CallbackDeadline),
        HeartbeatDeadline = Time(item, HeartbeatDeadline),
        ExpiresAt = Time(item, Expires) ?? DateTimeOffset.MinValue,
    };

    private static void AddTime(Dictionary<string, AttributeValue> item, string name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            item[name] = Number(t.ToUnixTimeMilliseconds());
        }
    }

    private static DateTimeOffset? Time(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } n
            ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(n, CultureInfo.InvariantCulture))
            : null;

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static bool IsTransient(Exception exception) => exception switch
    {
        ConditionalCheckFailedException => false,
        ProvisionedThroughputExceededException or RequestLimitExceededException or InternalServerErrorException => true,
        AmazonServiceException service => (int)service.StatusCode >= 500
            || service.StatusCode == HttpStatusCode.TooManyRequests
            || string.Equals(service.ErrorCode, "ThrottlingException", StringComparison.Ordinal),
        HttpRequestException or IOException or TimeoutException => true,
        _ => false,
    };
}
