using LambdaWorkflow.ServiceHost.Idempotency;

namespace LambdaWorkflow.Local.Idempotency;

/// <summary>Argument checks shared by the local stores.</summary>
internal static class IdempotencyRecordRules
{
    public static void ValidateNew(IdempotencyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.Key, nameof(record));
        ArgumentOutOfRangeException.ThrowIfLessThan(record.Version, 1, nameof(record));
    }

    public static void ValidateReplacement(IdempotencyRecord record, long expectedVersion)
    {
        ValidateNew(record);
        if (record.Version <= expectedVersion)
        {
            throw new ArgumentException($"The replacement's version {record.Version} must be above the expected version {expectedVersion}.", nameof(record));
        }
    }
}
