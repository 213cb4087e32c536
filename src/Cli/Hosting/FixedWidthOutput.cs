using System.Text;
using Spectre.Console;

namespace LambdaWorkflow.Cli.Hosting;

/// <summary>Spectre's console output over any writer, with the width and terminal state the environment says, not the process's console.</summary>
internal sealed class FixedWidthOutput(TextWriter writer, int width, int height, bool isTerminal) : IAnsiConsoleOutput
{
    public TextWriter Writer => writer;

    public bool IsTerminal => isTerminal;

    public int Width => width;

    public int Height => height;

    public void SetEncoding(Encoding encoding)
    {
        // The writer's encoding is its owner's choice.
    }
}
