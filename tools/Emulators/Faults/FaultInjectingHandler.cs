using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LambdaWorkflow.Emulators;

/// <summary>Answers a request with its injected fault, in the AWS JSON error shape, or holds it back, or sends it on.</summary>
internal sealed class FaultInjectingHandler(AwsFaultInjector faults, HttpMessageHandler innerHandler) : DelegatingHandler(innerHandler)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var fault = faults.Take(request);
        if (fault is null)
        {
            var answer = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            faults.Answered(request);
            return answer;
        }

        if (fault.Hold is { } hold)
        {
            await hold.WaitAsync(cancellationToken).ConfigureAwait(false);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = fault.ErrorType ?? "InternalFailure", ["message"] = fault.Message });
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        var response = new HttpResponseMessage(fault.Status) { Content = content, RequestMessage = request };
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", Guid.NewGuid().ToString());
        return response;
    }
}
