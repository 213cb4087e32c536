using Amazon.DynamoDBv2;
using Amazon.SQS;

namespace LambdaWorkflow.IntegrationTests.Emulators;

/// <summary>
/// xunit collection fixture over <see cref="EmulatorHost"/>: the emulators start once for all test classes
/// in the <c>emulators</c> collection and stop when the test run ends.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private EmulatorHost? _host;

    /// <summary>The running emulators, their clients and resource helpers.</summary>
    public EmulatorHost Host => _host ?? throw new InvalidOperationException("The emulators have not started yet.");

    /// <summary>The shared SQS client (<see cref="EmulatorHost.Sqs"/>).</summary>
    public AmazonSQSClient Sqs => Host.Sqs;

    /// <summary>The shared DynamoDB client (<see cref="EmulatorHost.DynamoDb"/>).</summary>
    public AmazonDynamoDBClient DynamoDb => Host.DynamoDb;

    /// <summary>Installs (first run only) and starts the emulators.</summary>
    public async Task InitializeAsync() => _host = await EmulatorHost.StartAsync();

    /// <summary>Stops the emulators.</summary>
    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
