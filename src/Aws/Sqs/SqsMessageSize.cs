using System.Text;

namespace LambdaWorkflow.Aws.Sqs;

/// <summary>The size SQS counts against its limits: the body and each attribute's name, type and value, in UTF-8 bytes.</summary>
internal static class SqsMessageSize
{
    /// <summary>The size of a message with string attributes.</summary>
    public static int Of(string body, IReadOnlyDictionary<string, string>? attributes)
    {
        var size = Encoding.UTF8.GetByteCount(body);
        foreach (var (name, value) in attributes ?? new Dictionary<string, string>())
        {
            size += Encoding.UTF8.GetByteCount(name) + "String".Length + Encoding.UTF8.GetByteCount(value);
        }

        return size;
    }
}
