using LambdaWorkflow.Contracts.Transport;

namespace LambdaWorkflow.UnitTests.BadInput;

/// <summary>What must become of a hostile message: its disposition, a fragment of its reason and, when the message is malformed, the field the typed error names.</summary>
/// <param name="Disposition">Dead-lettered, acknowledged (completed without harm) or left for retry.</param>
/// <param name="Reason">A fragment the outcome's reason must contain; empty for an acknowledged message.</param>
/// <param name="Field">For a malformed message: the field of the <see cref="Contracts.MessageFormatException"/>; null otherwise.</param>
internal sealed record Expected(MessageDisposition Disposition, string Reason, string? Field)
{
    /// <summary>Unreadable: a <see cref="Contracts.MessageFormatException"/> naming <paramref name="field"/>, dead-lettered with it.</summary>
    public static Expected Malformed(string field, string reason) => new(MessageDisposition.DeadLetter, reason, field);

    /// <summary>Readable but impossible to process (unknown workflow, instance, call, operation; too large): dead-lettered with the reason.</summary>
    public static Expected Rejected(string reason) => new(MessageDisposition.DeadLetter, reason, null);

    /// <summary>Taken without harm: completed, and the case checks that nothing changed (or that the rule held).</summary>
    public static Expected Acknowledged { get; } = new(MessageDisposition.Completed, string.Empty, null);

    /// <summary>Not the message's fault and not permanent: left for redelivery with the reason.</summary>
    public static Expected Retried(string reason) => new(MessageDisposition.Retry, reason, null);
}
