using System.Globalization;

namespace LambdaWorkflow.Cli.Output;

/// <summary>Durations as people read them (<c>850ms</c>, <c>12.3s</c>, <c>4m05s</c>, <c>2h10m</c>, <c>3d4h</c>), and <c>--since</c> values.</summary>
internal static class Durations
{
    public static string Format(TimeSpan duration)
    {
        var d = duration.Duration();
        var sign = duration < TimeSpan.Zero ? "-" : string.Empty;
        return sign + (d.TotalSeconds < 1 ? $"{d.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)}ms"
            : d.TotalMinutes < 1 ? $"{d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s"
            : d.TotalHours < 1 ? string.Create(CultureInfo.InvariantCulture, $"{d.Minutes}m{d.Seconds:00}s")
            : d.TotalDays < 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours}h{d.Minutes:00}m")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalDays}d{d.Hours}h"));
    }

    /// <summary>
    /// A point in time from <c>--since</c>: a duration back from <paramref name="now"/> (<c>90s</c>, <c>15m</c>, <c>2h</c>,
    /// <c>7d</c>) or an ISO 8601 time (<c>2026-01-31T08:00:00Z</c>).
    /// </summary>
    public static bool TryParseSince(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        since = default;
        text = text.Trim();
        if (text.Length >= 2 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            TimeSpan? back = char.ToLowerInvariant(text[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (back is { } span)
            {
                since = now - span;
                return true;
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out since);
    }
}
