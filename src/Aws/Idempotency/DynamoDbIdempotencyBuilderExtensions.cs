using Amazon.DynamoDBv2;
using LambdaWorkflow.ServiceHost.DependencyInjection;
using LambdaWorkflow.ServiceHost.Idempotency;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LambdaWorkflow.Aws.Idempotency;

/// <summary>Registers <see cref="DynamoDbIdempotencyStore"/> with the service host.</summary>
public static class DynamoDbIdempotencyBuilderExtensions
{
    /// <summary>Keeps the service's idempotency records in DynamoDB; needs an <see cref="IAmazonDynamoDB"/> in DI.</summary>
    /// <param name="builder">The service host builder.</param>
    /// <param name="configure">Sets the table and key layout.</param>
    /// <returns>The builder.</returns>
    public static LambdaWorkflowServiceBuilder UseDynamoDbIdempotency(this LambdaWorkflowServiceBuilder builder, Action<DynamoDbIdempotencyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new DynamoDbIdempotencyOptions();
        configure(options);
        options.Validate();
        builder.Services.Replace(ServiceDescriptor.Singleton<IIdempotencyStore>(provider =>
            new DynamoDbIdempotencyStore(provider.GetRequiredService<IAmazonDynamoDB>(), options)));
        return builder;
    }
}
