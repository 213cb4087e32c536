using System.Text;

namespace LambdaWorkflow.IntegrationTests.Cli;

/// <summary>
/// A small VT100 screen: replays what a program wrote to its terminal (text, line feeds, cursor moves, erases) and
/// says what the screen shows afterwards. Enough for Spectre's live display; colours and modes are ignored.
/// </summary>
internal sealed class TerminalScreen(int columns)
{
    private readonly List<char[]> _lines = [];
    private int _row;
    private int _column;

    /// <summary>The screen's lines after <paramref name="output"/>, trailing blanks trimmed.</summary>
    public static IReadOnlyList<string> Render(string output, int columns)
    {
        var screen = new TerminalScreen(columns);
        screen.Write(output);
        return screen.Lines();
    }

    private void Write(string output)
    {
        for (var i = 0; i < output.Length; i++)
        {
            var c = output[i];
            switch (c)
            {
                case '\u001b':
                    i = Escape(output, i);
                    break;
                case '\r':
                    _column = 0;
                    break;
                case '\n':
                    _row++;
                    break;
                case '\b':
                    _column = Math.Max(0, _column - 1);
                    break;
                case '\u0007':
                    break;
                default:
                    Put(c);
                    break;
            }
        }
    }

    /// <summary>Applies the escape sequence at <paramref name="start"/>; returns the index of its last character.</summary>
    private int Escape(string output, int start)
    {
        if (start + 1 >= output.Length)
        {
            return start;
        }

        if (output[start + 1] == ']')
        {
            // Operating system command (such as a window title): up to BEL or ESC \.
            var end = output.IndexOfAny(['\u0007', '\u001b'], start + 2);
            return end < 0 ? output.Length - 1 : output[end] == '\u001b' ? end + 1 : end;
        }

        if (output[start + 1] != '[')
        {
            return start + 1;
        }

        var i = start + 2;
        var parameters = new StringBuilder();
        while (i < output.Length && (char.IsAsciiDigit(output[i]) || output[i] is ';' or '?'))
        {
            parameters.Append(output[i++]);
        }

        if (i >= output.Length)
        {
            return output.Length - 1;
        }

        var text = parameters.ToString();
        var isPrivate = text.StartsWith('?');
        var numbers = text.TrimStart('?').Split(';').Select(p => int.TryParse(p, out var n) ? n : 0).ToArray();
        var n = numbers.Length > 0 && numbers[0] > 0 ? numbers[0] : 1;
        switch (isPrivate ? '\0' : output[i])
        {
            case 'A': _row = Math.Max(0, _row - n); break;
            case 'B': _row += n; break;
            case 'C': _column += n; break;
            case 'D': _column = Math.Max(0, _column - n); break;
            case 'E': _row += n; _column = 0; break;
            case 'F': _row = Math.Max(0, _row - n); _column = 0; break;
            case 'G': _column = n - 1; break;
            case 'H' or 'f':
                _row = n - 1;
                _column = numbers.Length > 1 && numbers[1] > 0 ? numbers[1] - 1 : 0;
                break;
            case 'J':
                if (numbers[0] is 2 or 3)
                {
                    _lines.Clear();
                }
                else
                {
                    EraseLine(fromColumn: _column);
                    _lines.RemoveRange(Math.Min(_row + 1, _lines.Count), Math.Max(0, _lines.Count - _row - 1));
                }

                break;
            case 'K':
                EraseLine(fromColumn: numbers[0] == 2 ? 0 : _column, toColumn: numbers[0] == 1 ? _column : columns - 1);
                break;
        }

        return i;
    }

    private void Put(char c)
    {
        if (_column >= columns)
        {
            _row++;
            _column = 0;
        }

        Line(_row)[_column++] = c;
    }

    private void EraseLine(int fromColumn, int toColumn = int.MaxValue)
    {
        var line = Line(_row);
        for (var x = Math.Max(0, fromColumn); x <= Math.Min(toColumn, columns - 1); x++)
        {
            line[x] = ' ';
        }
    }

    private char[] Line(int row)
    {
        while (_lines.Count <= row)
        {
            _lines.Add(Enumerable.Repeat(' ', columns).ToArray());
        }

        return _lines[row];
    }

    private List<string> Lines()
    {
        var lines = _lines.Select(l => new string(l).TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }
}
