using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LambdaWorkflow.Emulators;

/// <summary>Answers a request with its injected fault, in the AWS JSON error shape, or sends it on.</summary>
internal sealed class FaultInjectingHandler(AwsFaultInjector faults, HttpMessageHandler innerHandler) : DelegatingHandler(innerHandler)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (faults.Take(request) is not { } fault)
        {
            return base.SendAsync(request, cancellationToken);
        }

        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = fault.ErrorType, ["message"] = fault.Message });
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        var response = new HttpResponseMessage(fault.Status) { Content = content, RequestMessage = request };
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", Guid.NewGuid().ToString());
        return Task.FromResult(response);
    }
}
