using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SQS;

namespace LambdaWorkflow.Cli.Hosting;

/// <summary>SQS and DynamoDB clients for AWS or for the endpoints given; created on first use and disposed with the command.</summary>
internal sealed class AwsClients(AwsSettings settings) : IDisposable
{
    // Emulators accept any region; AWS needs one, which the SDK finds when none is given.
    private const string EndpointRegion = "us-east-1";

    private AmazonSQSClient? _sqs;
    private AmazonDynamoDBClient? _dynamoDb;

    public IAmazonSQS Sqs => _sqs ??= Create(settings.SqsEndpointUrl, new AmazonSQSConfig(), (c, config) => c is null ? new AmazonSQSClient(config) : new AmazonSQSClient(c, config));

    public IAmazonDynamoDB DynamoDb => _dynamoDb ??= Create(settings.DynamoDbEndpointUrl, new AmazonDynamoDBConfig(), (c, config) => c is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(c, config));

    public void Dispose()
    {
        _sqs?.Dispose();
        _dynamoDb?.Dispose();
    }

    private T Create<T, TConfig>(string? endpointUrl, TConfig config, Func<AWSCredentials?, TConfig, T> create)
        where TConfig : ClientConfig
    {
        if (endpointUrl is not null)
        {
            config.ServiceURL = endpointUrl;
            config.AuthenticationRegion = settings.Region ?? EndpointRegion;
        }
        else if (settings.Region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }

        return create(settings.Credentials, config);
    }
}
