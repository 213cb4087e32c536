using System.Collections.ObjectModel;
using System.Text;

namespace LambdaWorkflow.Local.Queues;

/// <summary>Argument checks with the rules SQS applies, so that a mistake fails locally as it would on AWS.</summary>
internal static class QueueArguments
{
    public static void ThrowIfOutOfRange(TimeSpan value, TimeSpan max, string paramName, string? settingName = null)
    {
        if (value < TimeSpan.Zero || value > max)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{settingName ?? paramName} must be between 0 and {max}.");
        }
    }

    /// <summary>SQS queue names: 1 to 80 letters, digits, hyphens and underscores; FIFO queue names end with ".fifo".</summary>
    public static void ValidateQueueName(string name, bool fifo)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        bool hasSuffix = name.EndsWith(QueueLimits.FifoSuffix, StringComparison.Ordinal);
        if (hasSuffix != fifo)
        {
            throw new ArgumentException(fifo
                ? $"FIFO queue name '{name}' must end with '{QueueLimits.FifoSuffix}', as SQS requires."
                : $"Queue name '{name}' ends with '{QueueLimits.FifoSuffix}', which SQS reserves for FIFO queues.", nameof(name));
        }

        ReadOnlySpan<char> stem = hasSuffix ? name.AsSpan(0, name.Length - QueueLimits.FifoSuffix.Length) : name;
        if (name.Length > QueueLimits.MaxQueueNameLength || stem.IsEmpty || stem.ContainsAnyExcept(QueueNameChars))
        {
            throw new ArgumentException(
                $"Queue name '{name}' is not valid: use 1 to {QueueLimits.MaxQueueNameLength} letters, digits, '-' and '_'.", nameof(name));
        }
    }

    /// <summary>Group and deduplication ids: 1 to 128 ASCII letters, digits and punctuation.</summary>
    public static void ValidateId(string value, string paramName)
    {
        if (value.Length == 0 || value.Length > QueueLimits.MaxIdLength || value.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            throw new ArgumentException(
                $"'{value}' is not a valid {paramName}: use 1 to {QueueLimits.MaxIdLength} ASCII letters, digits and punctuation.", paramName);
        }
    }

    /// <summary>Validates the attributes and copies them, so that the caller changing its dictionary later changes nothing.</summary>
    public static IReadOnlyDictionary<string, string> CopyAttributes(IReadOnlyDictionary<string, string>? attributes)
    {
        if (attributes is null || attributes.Count == 0)
        {
            return ReadOnlyDictionary<string, string>.Empty;
        }

        if (attributes.Count > QueueLimits.MaxAttributes)
        {
            throw new ArgumentException($"A message has at most {QueueLimits.MaxAttributes} attributes; got {attributes.Count}.", nameof(attributes));
        }

        var copy = new Dictionary<string, string>(attributes.Count, StringComparer.Ordinal);
        foreach ((string name, string value) in attributes)
        {
            if (string.IsNullOrEmpty(name) || name.Length > QueueLimits.MaxAttributeNameLength
                || name.StartsWith("AWS.", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Amazon.", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"'{name}' is not a valid attribute name (1 to 256 characters, not starting with 'AWS.' or 'Amazon.').", nameof(attributes));
            }

            if (string.IsNullOrEmpty(value))
            {
                throw new ArgumentException($"Attribute '{name}' has an empty value; SQS requires one.", nameof(attributes));
            }

            copy.Add(name, value);
        }

        return copy.AsReadOnly();
    }

    public static void ValidateSize(MessageBody body, IReadOnlyDictionary<string, string> attributes, int maxBytes)
    {
        // A UTF-16 char takes at most 3 UTF-8 bytes, so short messages skip the exact count.
        long attributeChars = 0;
        foreach ((string name, string value) in attributes)
        {
            attributeChars += name.Length + value.Length;
        }

        if ((body.IsUtf8 ? body.SendLength : body.SendLength * 3L) + (attributeChars * 3) <= maxBytes)
        {
            return;
        }

        long bytes = body.IsUtf8 ? body.SendLength : Encoding.UTF8.GetByteCount(body.Text);
        foreach ((string name, string value) in attributes)
        {
            bytes += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value);
        }

        if (bytes > maxBytes)
        {
            throw new ArgumentException($"The message is {bytes} bytes; the queue accepts at most {maxBytes}.", nameof(body));
        }
    }

    private static readonly System.Buffers.SearchValues<char> QueueNameChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
}
