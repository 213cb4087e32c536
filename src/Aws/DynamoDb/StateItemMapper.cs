using Amazon.DynamoDBv2.Model;
using LambdaWorkflow.Contracts;
using LambdaWorkflow.Orchestrator.State;
using static LambdaWorkflow.Aws.DynamoDb.AttributeValues;
using A = LambdaWorkflow.Aws.DynamoDb.StateAttributes;

namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>Maps metadata and history events to DynamoDB items and back (layout in <see cref="StateAttributes"/>).</summary>
internal static class StateItemMapper
{
    /// <summary>The history item of an event.</summary>
    public static Dictionary<string, AttributeValue> ToItem(string instanceId, HistoryEvent historyEvent)
    {
        var item = new Dictionary<string, AttributeValue>(12, StringComparer.Ordinal)
        {
            [A.PartitionKey] = String(StateKeys.Partition(instanceId)),
            [A.SortKey] = String(StateKeys.History(historyEvent.Sequence)),
            [A.Type] = Number((int)historyEvent.Type),
            [A.Timestamp] = Time(historyEvent.Timestamp),
        };
        if (historyEvent.CallNumber != -1)
        {
            item[A.CallNumber] = Number(historyEvent.CallNumber);
        }

        AddIfPresent(item, A.Service, historyEvent.Service);
        AddIfPresent(item, A.Operation, historyEvent.Operation);
        AddIfPresent(item, A.Name, historyEvent.Name);
        AddIfPresent(item, A.Key, historyEvent.Key);
        if (historyEvent.Attempt != 0)
        {
            item[A.Attempt] = Number(historyEvent.Attempt);
        }

        AddIfPresent(item, A.Payload, historyEvent.Payload);
        AddFailure(item, historyEvent.Failure);
        return item;
    }

    /// <summary>The metadata item, with the TTL attribute when <paramref name="expiresAt"/> is set.</summary>
    public static Dictionary<string, AttributeValue> ToItem(InstanceMetadata metadata, DateTimeOffset? expiresAt)
    {
        var item = new Dictionary<string, AttributeValue>(14, StringComparer.Ordinal)
        {
            [A.PartitionKey] = String(StateKeys.Partition(metadata.InstanceId)),
            [A.SortKey] = String(A.MetadataSortKey),
            [A.Workflow] = String(metadata.Workflow),
            [A.Status] = Number((int)metadata.Status),
            [A.Version] = Number(metadata.Version),
            [A.EventCount] = Number(metadata.EventCount),
            [A.CreatedAt] = Time(metadata.CreatedAt),
            [A.UpdatedAt] = Time(metadata.UpdatedAt),
        };
        if (metadata.FirstSequence > 0)
        {
            item[A.FirstSequence] = Number(metadata.FirstSequence);
        }

        AddIfPresent(item, A.Input, metadata.Input);
        AddIfPresent(item, A.Output, metadata.Output);
        AddIfPresent(item, A.CustomStatus, metadata.CustomStatus);
        AddFailure(item, metadata.Error);
        if (expiresAt is { } expiry)
        {
            // DynamoDB's TTL reads whole epoch seconds.
            item[A.TimeToLive] = Number(expiry.ToUnixTimeSeconds());
        }

        return item;
    }

    /// <summary>The event a history item holds.</summary>
    public static HistoryEvent ToHistoryEvent(Dictionary<string, AttributeValue> item) => new()
    {
        Sequence = StateKeys.ParseHistory(GetString(item, A.SortKey)),
        Type = (HistoryEventType)GetNumber(item, A.Type),
        Timestamp = GetTime(item, A.Timestamp),
        CallNumber = (int)(FindNumber(item, A.CallNumber) ?? -1),
        Service = FindString(item, A.Service),
        Operation = FindString(item, A.Operation),
        Name = FindString(item, A.Name),
        Key = FindString(item, A.Key),
        Attempt = (int)(FindNumber(item, A.Attempt) ?? 0),
        Payload = GetPayload(item, A.Payload),
        Failure = ReadFailure(item),
    };

    /// <summary>The metadata a metadata item holds.</summary>
    public static InstanceMetadata ToMetadata(Dictionary<string, AttributeValue> item) => new()
    {
        InstanceId = GetString(item, A.PartitionKey)[A.InstancePrefix.Length..],
        Workflow = GetString(item, A.Workflow),
        Status = (WorkflowStatus)GetNumber(item, A.Status),
        Version = GetNumber(item, A.Version),
        EventCount = (int)GetNumber(item, A.EventCount),
        FirstSequence = (int)(FindNumber(item, A.FirstSequence) ?? 0),
        Input = GetPayload(item, A.Input),
        Output = GetPayload(item, A.Output),
        CustomStatus = GetPayload(item, A.CustomStatus),
        Error = ReadFailure(item),
        CreatedAt = GetTime(item, A.CreatedAt),
        UpdatedAt = GetTime(item, A.UpdatedAt),
    };

    private static void AddIfPresent(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = String(value);
        }
    }

    private static void AddIfPresent(Dictionary<string, AttributeValue> item, string name, JsonPayload payload)
    {
        if (!payload.IsEmpty)
        {
            item[name] = Binary(payload);
        }
    }

    private static void AddFailure(Dictionary<string, AttributeValue> item, FailureDetails? failure)
    {
        if (failure is not null)
        {
            item[A.ErrorType] = String(failure.ErrorType);
            item[A.ErrorMessage] = String(failure.Message);
            AddIfPresent(item, A.ErrorStackTrace, failure.StackTrace);
        }
    }

    private static FailureDetails? ReadFailure(Dictionary<string, AttributeValue> item) =>
        FindString(item, A.ErrorType) is { } type
            ? new FailureDetails(type, FindString(item, A.ErrorMessage) ?? string.Empty, FindString(item, A.ErrorStackTrace))
            : null;
}
