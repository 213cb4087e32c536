namespace LambdaWorkflow.Contracts.Messages;

/// <summary>Field checks that throw <see cref="MessageFormatException"/> naming the field.</summary>
internal static class Require
{
    public static void Name(string? value, string field)
    {
        Text(value, field);
        if (!Names.IsValid(value))
        {
            throw new MessageFormatException(field, $"is not a valid name ('{Truncate(value!)}'): use 1 to {Names.MaxLength} characters of letters, digits and -_.:/@");
        }
    }

    public static void Text(string? value, string field, bool allowEmpty = false)
    {
        if (value is null || (!allowEmpty && value.Length == 0))
        {
            throw new MessageFormatException(field, "is missing");
        }
    }

    public static void Present(JsonPayload value, string field)
    {
        if (value.IsEmpty)
        {
            throw new MessageFormatException(field, "is missing");
        }
    }

    public static void Positive(int value, string field)
    {
        if (value < 1)
        {
            throw new MessageFormatException(field, $"must be at least 1, was {value}");
        }
    }

    public static void CallId(string? value, string instanceId, string field = "callId")
    {
        Text(value, field);
        if (!CallIds.TryParse(value!, instanceId, out _, out _))
        {
            throw new MessageFormatException(field, $"'{Truncate(value!)}' is not a call id of instance '{Truncate(instanceId)}' (expected '{{instanceId}}#{{number}}' or '{{instanceId}}#{{run}}.{{number}}')");
        }
    }

    private static string Truncate(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
