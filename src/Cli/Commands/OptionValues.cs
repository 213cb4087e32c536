using System.CommandLine.Parsing;

namespace LambdaWorkflow.Cli.Commands;

/// <summary>Reads an option's value inside a validator.</summary>
internal static class OptionValues
{
    /// <summary>
    /// The converted value, or null when the token did not convert: validators run even then, and the parser
    /// already reports the conversion error, so a range check must not throw on top of it.
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
