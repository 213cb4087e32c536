using Amazon.Runtime;

namespace LambdaWorkflow.Cli.Hosting;

/// <summary>Where the AWS calls go, resolved from the options and then the environment.</summary>
internal sealed record AwsSettings(string? SqsEndpointUrl, string? DynamoDbEndpointUrl, string? Region, AWSCredentials? Credentials);
