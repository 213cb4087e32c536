namespace LambdaWorkflow.ServiceHost;

/// <summary>Settings of a <see cref="ServiceDispatcher"/>; read once, when the dispatcher is created.</summary>
public sealed class ServiceDispatcherOptions
{
    /// <summary>Most messages of a batch handled at the same time. Default 10, the default SQS batch size of Lambda.</summary>
    public int MaxConcurrency { get; set; } = 10;

    /// <summary>Retry settings of operations mapped without their own. Default <c>new ServiceRetryOptions()</c>.</summary>
    public ServiceRetryOptions DefaultRetry { get; set; } = new();

    /// <summary>The clock of retry delays; tests pass a fake one. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
