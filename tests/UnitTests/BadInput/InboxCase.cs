using LambdaWorkflow.Contracts.Transport;

namespace LambdaWorkflow.UnitTests.BadInput;

/// <summary>One hostile inbox message: how to make it (after any setup it needs), what must become of it, and what else to check.</summary>
/// <param name="Build">Prepares the instances it aims at, if any, and returns the message.</param>
/// <param name="Expect">Its disposition, reason and typed error.</param>
/// <param name="Verify">Checks after the batch: that nothing changed, or that the rule it tests held.</param>
internal sealed record InboxCase(Func<InboxBatch, Task<QueueMessage>> Build, Expected Expect, Func<InboxBatch, Task>? Verify = null)
{
    /// <summary>A JSON text body, in the victim's message group unless told otherwise.</summary>
    public static InboxCase Body(string json, Expected expect, string? group = InboxBatch.Victim, Func<InboxBatch, Task>? verify = null) =>
        new(batch => Task.FromResult(batch.Raw(json, group)), expect, verify);

    /// <summary>A body given as raw bytes, for what JSON text cannot hold: invalid UTF-8, a byte order mark.</summary>
    public static InboxCase Utf8(byte[] body, Expected expect) =>
        new(batch => Task.FromResult(batch.Bytes(body)), expect);
}
