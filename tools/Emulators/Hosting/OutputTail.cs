using System.Text;

namespace LambdaWorkflow.Emulators;

/// <summary>The last lines a child process wrote, kept so an error message can show why it failed.</summary>
internal sealed class OutputTail
{
    private readonly Queue<string> _lines = new();
    private readonly int _capacity;
    private readonly Lock _gate = new();

    public OutputTail(int capacity) => _capacity = capacity;

    /// <summary>Records a line; <see langword="null"/> (end of stream from <c>DataReceived</c>) is ignored.</summary>
    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_lines.Count == _capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    /// <summary>Whether any kept line contains <paramref name="text"/> (ordinal).</summary>
    public bool Contains(string text)
    {
        lock (_gate)
        {
            return _lines.Any(line => line.Contains(text, StringComparison.Ordinal));
        }
    }

    /// <summary>The kept lines, oldest first, or a placeholder when the process wrote nothing.</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            if (_lines.Count == 0)
            {
                return "(no output)";
            }

            var text = new StringBuilder();
            foreach (var line in _lines)
            {
                text.AppendLine(line);
            }

            return text.ToString().TrimEnd();
        }
    }
}
