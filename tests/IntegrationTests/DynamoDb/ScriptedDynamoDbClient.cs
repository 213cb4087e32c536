using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace LambdaWorkflow.IntegrationTests.DynamoDb;

/// <summary>
/// A DynamoDB client whose four state-store operations answer from scripts instead of the network, recording each
/// request. A script returns a response or throws; by default every request succeeds with nothing stored.
/// Anything else would go to a closed local port and fail.
/// </summary>
internal sealed class ScriptedDynamoDbClient() : AmazonDynamoDBClient(
    new BasicAWSCredentials("test", "test"),
    new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9", AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 })
{
    private readonly Lock _lock = new();

    public Func<BatchWriteItemRequest, BatchWriteItemResponse> OnBatchWriteItem { get; set; } = _ => new BatchWriteItemResponse();

    public Func<PutItemRequest, PutItemResponse> OnPutItem { get; set; } = _ => new PutItemResponse();

    public Func<GetItemRequest, GetItemResponse> OnGetItem { get; set; } = _ => new GetItemResponse();

    public Func<QueryRequest, QueryResponse> OnQuery { get; set; } = _ => new QueryResponse();

    /// <summary>Every request received, in order.</summary>
    public List<AmazonWebServiceRequest> Requests { get; } = [];

    /// <summary>The BatchWriteItem requests received.</summary>
    public IReadOnlyList<BatchWriteItemRequest> BatchWrites => Of<BatchWriteItemRequest>();

    /// <summary>The PutItem requests received.</summary>
    public IReadOnlyList<PutItemRequest> Puts => Of<PutItemRequest>();

    /// <summary>A script step that throws <paramref name="error"/> for the first <paramref name="times"/> calls, then answers.</summary>
    public static Func<TRequest, TResponse> FailFirst<TRequest, TResponse>(int times, Func<Exception> error, Func<TRequest, TResponse> then)
    {
        var calls = 0;
        return request => Interlocked.Increment(ref calls) <= times ? throw error() : then(request);
    }

    public override Task<BatchWriteItemResponse> BatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken cancellationToken = default) =>
        Answer(request, OnBatchWriteItem);

    public override Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default) =>
        Answer(request, OnPutItem);

    public override Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken = default) =>
        Answer(request, OnGetItem);

    public override Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default) =>
        Answer(request, OnQuery);

    private Task<TResponse> Answer<TRequest, TResponse>(TRequest request, Func<TRequest, TResponse> script)
        where TRequest : AmazonWebServiceRequest
    {
        lock (_lock)
        {
            Requests.Add(request);
        }

        try
        {
            return Task.FromResult(script(request));
        }
        catch (Exception ex)
        {
            return Task.FromException<TResponse>(ex);
        }
    }

    private List<T> Of<T>()
    {
        lock (_lock)
        {
            return [.. Requests.OfType<T>()];
        }
    }
}
