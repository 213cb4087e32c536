using System.Text;

namespace LambdaWorkflow.Local.Queues;

/// <summary>
/// A message body, kept in the form it was sent in (text or UTF-8 bytes); the other form is made on first use and
/// kept. The runtime's own senders and pumps use bytes, so its messages cross the queues without transcoding.
/// </summary>
internal sealed class MessageBody
{
    private string? _text;
    private byte[]? _utf8;

    public MessageBody(string text) => _text = text;

    /// <summary>Takes ownership of <paramref name="utf8"/>: the caller must not change it afterwards.</summary>
    public MessageBody(byte[] utf8) => _utf8 = utf8;

    // Each form is a pure function of the one sent, so two threads racing to make it store equal values.
    public string Text => _text ??= Encoding.UTF8.GetString(_utf8!);

    /// <summary>The bytes; for text with a lone surrogate, the encoder's replacement (as SQS clients send it).</summary>
    public byte[] Utf8 => _utf8 ??= Encoding.UTF8.GetBytes(_text!);

    public bool IsEmpty => _text is null ? _utf8!.Length == 0 : _text.Length == 0;

    /// <summary>Length in chars of the text form, or bytes of the UTF-8 form: at most the UTF-8 size, at least a third of it.</summary>
    public int SendLength => _text?.Length ?? _utf8!.Length;

    /// <summary>Whether <see cref="SendLength"/> counts UTF-8 bytes exactly.</summary>
    public bool IsUtf8 => _text is null;
}
