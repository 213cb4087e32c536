namespace LambdaWorkflow.Contracts;

/// <summary>Validation of the names that travel on the wire (services, operations, workflows, instance ids).</summary>
public static class Names
{
    /// <summary>Longest accepted name; SQS FIFO group ids allow 128 characters.</summary>
    public const int MaxLength = 128;

    /// <summary>Throws <see cref="ArgumentException"/> unless the name is 1–128 characters of letters, digits and <c>-_.:/@</c>.</summary>
    public static void EnsureValid(string? name, string parameterName)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid name: use 1 to {MaxLength} characters of letters, digits and -_.:/@.",
                parameterName);
        }
    }

    /// <summary>True when the name is 1–128 characters of letters, digits and <c>-_.:/@</c>.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/' or '@'))
            {
                return false;
            }
        }

        return true;
    }
}
