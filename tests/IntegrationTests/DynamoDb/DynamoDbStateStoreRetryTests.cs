using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using LambdaWorkflow.Aws.DynamoDb;
using LambdaWorkflow.Orchestrator.State;
using Microsoft.Extensions.Time.Testing;
using static LambdaWorkflow.IntegrationTests.DynamoDb.StateSamples;

namespace LambdaWorkflow.IntegrationTests.DynamoDb;

/// <summary>Throttling, unprocessed items and refusals, scripted on a fake client (no emulator can throttle on demand).</summary>
public sealed class DynamoDbStateStoreRetryTests : IDisposable
{
    private const string TableName = "scripted";
    private const int Retries = 3;

    private readonly ScriptedDynamoDbClient _client = new();

    public static TheoryData<string> TransientErrors => ["ProvisionedThroughputExceeded", "Throttling", "RequestLimitExceeded", "InternalServerError", "ServiceUnavailable", "Network"];

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task CommitAsync_BatchLeavesSegmentsUnprocessedOnce_ResendsExactlyThoseAndCommits()
    {
        var store = CreateStore();
        var unprocessedOnce = true;
        _client.OnBatchWriteItem = request =>
        {
            if (!unprocessedOnce)
            {
                return new BatchWriteItemResponse();
            }

            unprocessedOnce = false;
            return new BatchWriteItemResponse { UnprocessedItems = new() { [TableName] = request.RequestItems[TableName][1..] } };
        };

        // Three events too large to share a segment: three segment items in one batch.
        var commit = new InstanceCommit(0, [.. Enumerable.Range(0, 3).Select(LargeEvent)], Metadata(NewId(), 1, 3));

        await store.CommitAsync(commit);

        Assert.Equal(2, _client.BatchWrites.Count);
        Assert.Equal(["s#0000000000", "s#0000000001", "s#0000000002"], SortKeys(_client.BatchWrites[0]));
        Assert.Equal(["s#0000000001", "s#0000000002"], SortKeys(_client.BatchWrites[1]));
        Assert.Single(_client.Puts);
        Assert.Equal(1, store.Usage.Snapshot().Retries);
    }

    [Fact]
    public async Task CommitAsync_BatchKeepsLeavingSegmentsUnprocessed_ThrowsUnavailableAndSkipsTheMetadata()
    {
        var store = CreateStore(options => options.MetadataItemTargetBytes = 0);
        _client.OnBatchWriteItem = request => new BatchWriteItemResponse { UnprocessedItems = request.RequestItems };
        var id = NewId();

        var error = await Assert.ThrowsAsync<StateStoreUnavailableException>(() => store.CommitAsync(Start(id)));

        Assert.Equal(Retries + 1, _client.BatchWrites.Count);
        Assert.Empty(_client.Puts);
        Assert.Contains("BatchWriteItem", error.Message, StringComparison.Ordinal);
        Assert.Contains(TableName, error.Message, StringComparison.Ordinal);
        Assert.Contains(id, error.Message, StringComparison.Ordinal);
        Assert.Contains("1 of 1 history items unprocessed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitAsync_FiftyFiveSegments_WritesBatchesOfAtMostTwentyFive()
    {
        var store = CreateStore();

        await store.CommitAsync(new InstanceCommit(0, [.. Enumerable.Range(0, 55).Select(LargeEvent)], Metadata(NewId(), 1, 55)));

        Assert.Equal([5, 25, 25], _client.BatchWrites.Select(b => b.RequestItems[TableName].Count).Order());
        Assert.Equal(Enumerable.Range(0, 55).Select(StateKeys.Segment), _client.BatchWrites.SelectMany(SortKeys).Order(StringComparer.Ordinal));
        Assert.All(_client.BatchWrites, b => Assert.Equal(ReturnConsumedCapacity.TOTAL, b.ReturnConsumedCapacity));
    }

    [Fact]
    public async Task CommitAsync_SmallTurn_IsOnePutAndNoBatch()
    {
        var store = CreateStore();

        await store.CommitAsync(Start(NewId()));

        Assert.Empty(_client.BatchWrites);
        Assert.Single(_client.Puts);
    }

    [Fact]
    public async Task CommitAsync_MetadataPutThrottledTwice_RetriesAndCommits()
    {
        var store = CreateStore();
        _client.OnPutItem = ScriptedDynamoDbClient.FailFirst<PutItemRequest, PutItemResponse>(
            2, () => new ProvisionedThroughputExceededException("slow down"), _ => new PutItemResponse());

        await store.CommitAsync(Start(NewId()));

        Assert.Equal(3, _client.Puts.Count);
        Assert.Equal(new DynamoDbUsageSnapshot(0, 0, 0, 0, 3, 0, 2), store.Usage.Snapshot());
    }

    [Theory]
    [MemberData(nameof(TransientErrors))]
    public async Task CommitAsync_MetadataPutFailsTransientlyEveryTime_ThrowsUnavailableAfterTheConfiguredRetries(string kind)
    {
        var store = CreateStore();
        _client.OnPutItem = _ => throw Transient(kind);
        var id = NewId();

        var error = await Assert.ThrowsAsync<StateStoreUnavailableException>(() => store.CommitAsync(Start(id)));

        Assert.Equal(Retries + 1, _client.Puts.Count);
        Assert.Equal(Transient(kind).GetType(), error.InnerException!.GetType());
        Assert.Contains($"PutItem on table '{TableName}' for instance '{id}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMetadataAsync_DynamoDbKeepsFailing_CircuitOpensAndLaterCallsFailFastUntilItCloses()
    {
        var clock = new FakeTimeProvider();
        var store = CreateStore(o =>
        {
            o.MaxRetryAttempts = 0;
            o.TimeProvider = clock;
            o.BreakerMinimumThroughput = 4;
            o.BreakDuration = TimeSpan.FromSeconds(5);
        });
        var healthy = false;
        _client.OnGetItem = _ => healthy ? new GetItemResponse() : throw new InternalServerErrorException("DynamoDB is having a bad day");
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<StateStoreUnavailableException>(() => store.GetMetadataAsync(NewId()));
        }

        var sentBefore = store.Usage.Snapshot().GetItemRequests;
        var open = await Assert.ThrowsAsync<StateStoreUnavailableException>(() => store.GetMetadataAsync(NewId()));
        Assert.Contains("circuit is open", open.Message, StringComparison.Ordinal);
        Assert.Equal(sentBefore, store.Usage.Snapshot().GetItemRequests); // nothing was sent while open

        healthy = true;
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Null(await store.GetMetadataAsync(NewId()));
    }

    [Fact]
    public async Task GetMetadataAsync_Throttled_RetriesTheRead()
    {
        var store = CreateStore();
        _client.OnGetItem = ScriptedDynamoDbClient.FailFirst<GetItemRequest, GetItemResponse>(
            1, () => new ThrottlingException("Rate exceeded"), _ => new GetItemResponse());

        Assert.Null(await store.GetMetadataAsync(NewId()));
        Assert.Equal(2, store.Usage.Snapshot().GetItemRequests);
    }

    [Fact]
    public async Task CommitAsync_ConditionFails_ThrowsConflictWithoutRetrying()
    {
        var store = CreateStore();
        _client.OnPutItem = _ => throw new ConditionalCheckFailedException("The conditional request failed");

        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.CommitAsync(Start(NewId())));

        Assert.Equal(0, error.ExpectedVersion);
        Assert.Single(_client.Puts);
    }

    [Fact]
    public async Task GetMetadataAsync_TableMissing_ThrowsStoreErrorWithoutRetrying()
    {
        var store = CreateStore();
        _client.OnGetItem = _ => throw new ResourceNotFoundException("Requested resource not found");
        var id = NewId();

        var error = await Assert.ThrowsAsync<DynamoDbStateStoreException>(() => store.GetMetadataAsync(id));

        Assert.Equal((TableName, "GetItem", id), (error.TableName, error.Operation, error.InstanceId));
        Assert.IsType<ResourceNotFoundException>(error.InnerException);
        Assert.Equal(1, store.Usage.Snapshot().GetItemRequests);
    }

    [Fact]
    public async Task CommitAsync_DynamoDbRejectsAnItemAsTooLarge_ThrowsItemTooLargeNamingTheInstance()
    {
        var store = CreateStore();
        _client.OnBatchWriteItem = _ => throw new AmazonDynamoDBException(
            "Item size has exceeded the maximum allowed size", ErrorType.Sender, "ValidationException", "request-1", HttpStatusCode.BadRequest);
        var id = NewId();

        var error = await Assert.ThrowsAsync<DynamoDbItemTooLargeException>(() => store.CommitAsync(
            new InstanceCommit(0, [LargeEvent(0), LargeEvent(1)], Metadata(id, 1, 2))));

        Assert.Equal(id, error.InstanceId);
        Assert.Contains(error.Sequence, new int?[] { 0, 1 });
        Assert.Single(_client.BatchWrites);
        Assert.Empty(_client.Puts);
    }

    [Fact]
    public async Task CommitAsync_Throttled_WaitsForTheBackoffBeforeRetrying()
    {
        var clock = new FakeTimeProvider();
        var store = CreateStore(options =>
        {
            options.TimeProvider = clock;
            options.BaseDelay = TimeSpan.FromSeconds(1);
            options.UseJitter = false;
        });
        _client.OnPutItem = ScriptedDynamoDbClient.FailFirst<PutItemRequest, PutItemResponse>(
            1, () => new ProvisionedThroughputExceededException("slow down"), _ => new PutItemResponse());

        var commit = store.CommitAsync(Start(NewId()));
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Single(_client.Puts);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await commit.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, _client.Puts.Count);
    }

    private static Exception Transient(string kind) => kind switch
    {
        "ProvisionedThroughputExceeded" => new ProvisionedThroughputExceededException("The level of configured provisioned throughput for the table was exceeded."),
        "Throttling" => new ThrottlingException("Rate of requests exceeds the allowed throughput."),
        "RequestLimitExceeded" => new RequestLimitExceededException("Throughput exceeds the current throughput limit for your account."),
        "InternalServerError" => new InternalServerErrorException("Internal server error"),
        "ServiceUnavailable" => new AmazonDynamoDBException("Service unavailable", ErrorType.Receiver, "ServiceUnavailable", "request-1", HttpStatusCode.ServiceUnavailable),
        "Network" => new HttpRequestException("Connection reset by peer", new IOException("reset")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>An event of about 250 KB: two never share a segment.</summary>
    private static HistoryEvent LargeEvent(int sequence) => Event(sequence, payload: JsonText(250_000));

    private static List<string> SortKeys(BatchWriteItemRequest request) =>
        [.. request.RequestItems[TableName].Select(w => w.PutRequest.Item[StateAttributes.SortKey].S)];

    private DynamoDbWorkflowStateStore CreateStore(Action<DynamoDbStateStoreOptions>? configure = null)
    {
        var options = new DynamoDbStateStoreOptions { TableName = TableName, MaxRetryAttempts = Retries, BaseDelay = TimeSpan.Zero };
        configure?.Invoke(options);
        return new DynamoDbWorkflowStateStore(_client, options);
    }
}
