namespace LambdaWorkflow.IntegrationTests.EventBridge;

/// <summary>Alters requests after the client has signed them, as a misbehaving proxy or handler would.</summary>
internal sealed class TamperingHandler(Func<HttpRequestMessage, Task> tamper) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await tamper(request);
        return await base.SendAsync(request, cancellationToken);
    }
}
