namespace LambdaWorkflow.Aws.Metrics;

/// <summary>Maps the UCUM-style units of <c>System.Diagnostics.Metrics</c> instruments to CloudWatch's unit names.</summary>
public static class EmfUnits
{
    /// <summary>CloudWatch's unit of a count.</summary>
    public const string Count = "Count";

    /// <summary>CloudWatch's unit of milliseconds.</summary>
    public const string Milliseconds = "Milliseconds";

    /// <summary>
    /// The CloudWatch unit of an instrument unit: <c>ms</c>, <c>s</c>, <c>us</c>, <c>By</c> and <c>%</c> map to their
    /// names; an annotation such as <c>{event}</c> counts things, so it is <c>Count</c>; anything else is <c>None</c>.
    /// </summary>
    public static string FromInstrumentUnit(string? unit) => unit switch
    {
        "ms" => Milliseconds,
        "s" => "Seconds",
        "us" => "Microseconds",
        "By" => "Bytes",
        "%" => "Percent",
        "1" => Count,
        { Length: > 2 } when unit[0] == '{' && unit[^1] == '}' => Count,
        _ => "None",
    };
}
