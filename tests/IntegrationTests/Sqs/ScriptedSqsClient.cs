using System.Net;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using LambdaWorkflow.IntegrationTests.Emulators;

namespace LambdaWorkflow.IntegrationTests.Sqs;

/// <summary>
/// The real SQS client against the emulator, with faults scripted in front of the send calls: the emulator never
/// throttles nor fails a batch entry on its side, and the adapters' answers to those must still be tested.
/// </summary>
internal sealed class ScriptedSqsClient(EmulatorHost host)
    : AmazonSQSClient(new BasicAWSCredentials("test", "test"), new AmazonSQSConfig { ServiceURL = host.SqsServiceUrl.ToString(), AuthenticationRegion = EmulatorHost.Region })
{
    private readonly Queue<Func<SendMessageBatchRequest, Exception?>> _batchFaults = new();
    private readonly Queue<Exception> _sendFaults = new();
    private (string Id, string Code, bool SenderFault)? _failEntry;

    /// <summary>Entry counts of every batch request that reached the emulator.</summary>
    public List<int> BatchSizes { get; } = [];

    /// <summary>The next batch call throws <paramref name="exception"/> without reaching the emulator.</summary>
    public void FailNextBatch(Exception exception) => _batchFaults.Enqueue(_ => exception);

    /// <summary>The next send call throws <paramref name="exception"/> without reaching the emulator.</summary>
    public void FailNextSend(Exception exception) => _sendFaults.Enqueue(exception);

    /// <summary>In the next batch call, the entry at <paramref name="index"/> is not sent and is reported failed as SQS would report it.</summary>
    public void FailEntryOfNextBatch(int index, string code, bool senderFault) =>
        _batchFaults.Enqueue(request =>
        {
            _failEntry = (request.Entries[index].Id, code, senderFault);
            return null;
        });

    public static AmazonSQSException Throttled() =>
        new("Rate exceeded", ErrorType.Sender, "ThrottlingException", "request-1", HttpStatusCode.BadRequest);

    public static AmazonSQSException ServiceUnavailable() =>
        new("Service unavailable", ErrorType.Receiver, "ServiceUnavailable", "request-2", HttpStatusCode.ServiceUnavailable);

    public override async Task<SendMessageBatchResponse> SendMessageBatchAsync(SendMessageBatchRequest request, CancellationToken cancellationToken = default)
    {
        _failEntry = null;
        if (_batchFaults.TryDequeue(out var fault) && fault(request) is { } exception)
        {
            throw exception;
        }

        if (_failEntry is not { } failing)
        {
            BatchSizes.Add(request.Entries.Count);
            return await base.SendMessageBatchAsync(request, cancellationToken);
        }

        var sent = new SendMessageBatchRequest { QueueUrl = request.QueueUrl, Entries = [.. request.Entries.Where(e => e.Id != failing.Id)] };
        BatchSizes.Add(sent.Entries.Count);
        var response = sent.Entries.Count > 0 ? await base.SendMessageBatchAsync(sent, cancellationToken) : new SendMessageBatchResponse();
        response.Failed = [.. response.Failed ?? [], new BatchResultErrorEntry { Id = failing.Id, Code = failing.Code, Message = "scripted", SenderFault = failing.SenderFault }];
        return response;
    }

    public override Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default) =>
        _sendFaults.TryDequeue(out var exception) ? throw exception : base.SendMessageAsync(request, cancellationToken);
}
