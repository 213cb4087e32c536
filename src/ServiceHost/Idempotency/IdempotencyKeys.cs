namespace LambdaWorkflow.ServiceHost.Idempotency;

/// <summary>Keys of idempotency records: the call id, under its service so services can share a table.</summary>
internal static class IdempotencyKeys
{
    public static string For(string service, string callId) => service + "/" + callId;
}
