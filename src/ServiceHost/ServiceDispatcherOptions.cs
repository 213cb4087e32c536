using LambdaWorkflow.ServiceHost.Callbacks;
using LambdaWorkflow.ServiceHost.Idempotency;
using LambdaWorkflow.ServiceHost.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace LambdaWorkflow.ServiceHost;

/// <summary>
/// Settings of a <see cref="ServiceDispatcher"/>; read once, when the dispatcher is created. The plain settings bind
/// from configuration; the stores, scheduler, scope factory and middleware are objects, set in code or by DI.
/// </summary>
public sealed class ServiceDispatcherOptions
{
    /// <summary>Most messages of a batch handled at the same time. Default 10, the default SQS batch size of Lambda.</summary>
    public int MaxConcurrency { get; set; } = 10;

    /// <summary>Retry settings of operations mapped without their own. Default <c>new ServiceRetryOptions()</c>.</summary>
    public ServiceRetryOptions DefaultRetry { get; set; } = new();

    /// <summary>
    /// The queue's <c>maxReceiveCount</c>: a message that must be retried on its last receive goes to the dead-letter
    /// queue now, with the reason of its last failure, instead of being moved there silently by the redrive policy.
    /// Null leaves it to the redrive policy. Default null.
    /// </summary>
    public int? MaxReceiveCount { get; set; }

    /// <summary>Settings per operation, keyed <c>{service}.{operation}</c> (case-insensitive).</summary>
    public IDictionary<string, ServiceOperationOptions> Operations { get; } = new Dictionary<string, ServiceOperationOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Exactly-once effects per call id; off until <see cref="IdempotencyOptions.Store"/> is set.</summary>
    public IdempotencyOptions Idempotency { get; set; } = new();

    /// <summary>Asynchronous calls completed later with a callback token; off until <see cref="CallbackOptions.SigningKey"/> is set.</summary>
    public CallbackOptions Callbacks { get; set; } = new();

    /// <summary>Middleware around every handler execution, the first outermost; DI-registered ones run inside these.</summary>
    public IList<IServiceMiddleware> Middleware { get; } = [];

    /// <summary>Creates a DI scope per message, from which handlers mapped by factory and middleware are resolved. Default null.</summary>
    public IServiceScopeFactory? ScopeFactory { get; set; }

    /// <summary>The clock of retry delays, leases and callback timeouts; tests pass a fake one. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
