using System.Text;
using Amazon.DynamoDBv2.Model;

namespace LambdaWorkflow.Aws.DynamoDb;

/// <summary>
/// An item's size as DynamoDB counts it for the 400 KB limit and for capacity units: the UTF-8 bytes of each
/// attribute name plus its value (strings: UTF-8 bytes; binary: raw bytes; numbers: about one byte per two
/// significant digits plus one).
/// </summary>
internal static class ItemSizeCalculator
{
    /// <summary>The largest item DynamoDB stores: 400 KB, names and values included.</summary>
    public const int MaxItemBytes = 400 * 1024;

    /// <summary>The size of an item made of string, number and binary attributes.</summary>
    public static int Of(Dictionary<string, AttributeValue> item)
    {
        var size = 0;
        foreach (var (name, value) in item)
        {
            size += Of(name, value);
        }

        return size;
    }

    /// <summary>The size of one attribute: its name and its value.</summary>
    public static int Of(string name, AttributeValue value) => Encoding.UTF8.GetByteCount(name) + ValueSize(value);

    private static int ValueSize(AttributeValue value) => value switch
    {
        { S: { } text } => Encoding.UTF8.GetByteCount(text),
        { B: { } bytes } => checked((int)bytes.Length),
        { N: { } number } => NumberSize(number),
        _ => throw new NotSupportedException("State items hold only string, number and binary attributes."),
    };

    private static int NumberSize(string number)
    {
        // Leading and trailing zeros do not count; the sign, the point and an exponent are not digits.
        var digits = number.AsSpan().TrimStart('-');
        var exponent = digits.IndexOfAny('e', 'E');
        if (exponent >= 0)
        {
            digits = digits[..exponent];
        }

        Span<char> significant = stackalloc char[digits.Length];
        var count = 0;
        foreach (var c in digits)
        {
            if (char.IsAsciiDigit(c))
            {
                significant[count++] = c;
            }
        }

        var trimmed = significant[..count].Trim('0');
        return ((trimmed.Length + 1) / 2) + 1;
    }
}
