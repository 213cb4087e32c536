namespace LambdaWorkflow.ServiceHost.Dispatch;

/// <summary>A mapped operation with the settings the dispatcher resolved for it.</summary>
internal sealed record BoundOperation(OperationRegistration Registration, HandlerPipeline Pipeline, TimeSpan Lease);
