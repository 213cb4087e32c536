using System.Text;

namespace LambdaWorkflow.Orchestrator.State;

/// <summary>
/// The distinct service and operation names met while reading one history (usually a handful), so each name
/// becomes one string instead of one per event.
/// </summary>
internal sealed class NameTable
{
    private const int MaxNames = 32;
    private (byte[] Utf8, string Value)[] _entries = new (byte[], string)[4];
    private int _count;

    /// <summary>The string for these UTF-8 bytes, shared with earlier equal names.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        for (var i = 0; i < _count; i++)
        {
            if (utf8.SequenceEqual(_entries[i].Utf8))
            {
                return _entries[i].Value;
            }
        }

        var value = Encoding.UTF8.GetString(utf8);
        if (_count < MaxNames)
        {
            if (_count == _entries.Length)
            {
                Array.Resize(ref _entries, _count * 2);
            }

            _entries[_count++] = (utf8.ToArray(), value);
        }

        return value;
    }
}
