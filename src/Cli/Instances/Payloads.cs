using System.Text.Json;
using LambdaWorkflow.Contracts;

namespace LambdaWorkflow.Cli.Instances;

/// <summary>Stored payloads as JSON values for output, and short previews for tables.</summary>
internal static class Payloads
{
    private const int PreviewLength = 60;

    public static JsonElement? ToElement(JsonPayload payload)
    {
        if (payload.IsEmpty)
        {
            return null;
        }

        using var document = JsonDocument.Parse(payload.Utf8Json);
        return document.RootElement.Clone();
    }

    public static string Preview(JsonElement? value)
    {
        if (value is not { } element)
        {
            return string.Empty;
        }

        var text = element.ValueKind == JsonValueKind.String ? element.GetString() ?? string.Empty : element.GetRawText();
        return text.Length <= PreviewLength ? text : text[..(PreviewLength - 1)] + "…";
    }
}
