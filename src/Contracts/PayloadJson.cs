using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LambdaWorkflow.Contracts;

/// <summary>Default JSON settings for user payloads that have no source-generated type information.</summary>
public static class PayloadJson
{
    /// <summary>Web defaults (camelCase), reflection-based; used when an operation is declared without type info.</summary>
    public static JsonSerializerOptions DefaultOptions { get; } = CreateDefaultOptions();

    /// <summary>Type information for <typeparamref name="T"/> from <see cref="DefaultOptions"/>.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)DefaultOptions.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions CreateDefaultOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
