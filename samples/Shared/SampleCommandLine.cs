using System.CommandLine;
using System.CommandLine.Parsing;

namespace LambdaWorkflow.Samples;

/// <summary>What every sample program does with its command line: usage errors exit 2, values are range-checked safely.</summary>
internal static class SampleCommandLine
{
    /// <summary>Parses <paramref name="args"/>; a bad option prints what was wrong and returns 2, otherwise the command runs.</summary>
    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count == 0)
        {
            return await parsed.InvokeAsync().ConfigureAwait(false);
        }

        // A bad option is a usage error: say what was wrong and exit 2, the convention for usage errors.
        foreach (var error in parsed.Errors)
        {
            await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
        }

        await Console.Error.WriteLineAsync("Run with --help to see every option.").ConfigureAwait(false);
        return 2;
    }

    /// <summary>
    /// The option's converted value inside a validator, or null when it did not convert: validators run even then,
    /// and the parser already reports the conversion error, so a range check must not throw on top of it.
    /// </summary>
    public static T? Parsed<T>(OptionResult result)
        where T : struct
    {
        try
        {
            return result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
