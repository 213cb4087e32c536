using System.Text;
using System.Text.Json;

namespace LambdaWorkflow.Aws.Metrics;

/// <summary>
/// Writes metrics as CloudWatch Embedded Metric Format lines: one JSON object per line whose <c>_aws</c> member tells
/// CloudWatch Logs which members are metrics (and in which namespace, unit and dimensions). A Lambda function's
/// stdout goes to CloudWatch Logs, so writing to <see cref="Console.Out"/> is all it takes; no agent, no API call.
/// </summary>
/// <remarks>
/// Values are buffered and written by <see cref="Flush"/>: one line per distinct set of dimension values, each metric
/// as an array of values (at most <see cref="MaxValuesPerMetric"/> a line, at most <see cref="MaxMetricsPerLine"/>
/// metrics a line, as the format allows). Thread-safe. Independent of <c>ILogger</c>, so it works whatever the
/// function's logging is.
/// </remarks>
public sealed class EmfMetricsWriter
{
    /// <summary>The most values one metric may carry in one line.</summary>
    public const int MaxValuesPerMetric = 100;

    /// <summary>The most metrics one line's directive may name.</summary>
    public const int MaxMetricsPerLine = 100;

    /// <summary>The most dimensions one dimension set may have.</summary>
    public const int MaxDimensions = 30;

    private readonly TextWriter _output;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);

    /// <summary>Creates the writer.</summary>
    /// <param name="output">Where lines go, such as <see cref="Console.Out"/>.</param>
    /// <param name="metricNamespace">The CloudWatch namespace, 1 to 255 characters.</param>
    /// <param name="timeProvider">The clock of each line's timestamp; the system clock when null.</param>
    public EmfMetricsWriter(TextWriter output, string metricNamespace, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrWhiteSpace(metricNamespace);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(metricNamespace.Length, 255, nameof(metricNamespace));
        _output = output;
        Namespace = metricNamespace;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The CloudWatch namespace of every metric written.</summary>
    public string Namespace { get; }

    /// <summary>Buffers one value.</summary>
    /// <param name="name">The metric name.</param>
    /// <param name="value">The value; NaN and infinities are dropped, as CloudWatch rejects them.</param>
    /// <param name="unit">A CloudWatch unit, such as <c>Milliseconds</c> or <c>Count</c> (see <see cref="EmfUnits"/>).</param>
    /// <param name="dimensions">Dimension names and values; at most <see cref="MaxDimensions"/>.</param>
    public void Record(string name, double value, string unit, IReadOnlyList<KeyValuePair<string, string>> dimensions)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(unit);
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions.Count, MaxDimensions, nameof(dimensions));
        if (!double.IsFinite(value))
        {
            return;
        }

        var sorted = dimensions.OrderBy(d => d.Key, StringComparer.Ordinal).ToArray();
        var key = string.Join('\u001f', sorted.Select(d => d.Key + "\u001e" + d.Value));
        lock (_lock)
        {
            if (!_groups.TryGetValue(key, out var group))
            {
                _groups[key] = group = new Group(sorted);
            }

            if (!group.Metrics.TryGetValue(name, out var metric))
            {
                group.Metrics[name] = metric = new Metric(unit);
            }

            metric.Values.Add(value);
        }
    }

    /// <summary>Writes everything buffered and empties the buffer; returns how many lines were written.</summary>
    public int Flush()
    {
        List<Group> groups;
        lock (_lock)
        {
            groups = [.. _groups.Values];
            _groups.Clear();
        }

        var timestamp = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var lines = 0;
        foreach (var group in groups)
        {
            // Split so that no line exceeds the format's limits on metrics per directive and values per metric.
            var metrics = group.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).ToList();
            for (var first = 0; first < metrics.Count; first += MaxMetricsPerLine)
            {
                var slice = metrics.GetRange(first, Math.Min(MaxMetricsPerLine, metrics.Count - first));
                var rounds = slice.Max(m => (m.Value.Values.Count + MaxValuesPerMetric - 1) / MaxValuesPerMetric);
                for (var round = 0; round < rounds; round++)
                {
                    var present = slice.Where(m => m.Value.Values.Count > round * MaxValuesPerMetric).ToList();
                    _output.WriteLine(Line(timestamp, group.Dimensions, present, round));
                    lines++;
                }
            }
        }

        _output.Flush();
        return lines;
    }

    private string Line(long timestamp, KeyValuePair<string, string>[] dimensions, List<KeyValuePair<string, Metric>> metrics, int round)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", timestamp);
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace"u8, Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            foreach (var (name, _) in dimensions)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var (name, metric) in metrics)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", metric.Unit);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();

            // Target members: the dimension values and the metric values, at the root as the format requires.
            foreach (var (name, value) in dimensions)
            {
                json.WriteString(name, value);
            }

            foreach (var (name, metric) in metrics)
            {
                var values = metric.Values.Skip(round * MaxValuesPerMetric).Take(MaxValuesPerMetric).ToList();
                if (values.Count == 1)
                {
                    json.WriteNumber(name, values[0]);
                }
                else
                {
                    json.WriteStartArray(name);
                    foreach (var value in values)
                    {
                        json.WriteNumberValue(value);
                    }

                    json.WriteEndArray();
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private sealed class Group(KeyValuePair<string, string>[] dimensions)
    {
        public KeyValuePair<string, string>[] Dimensions { get; } = dimensions;

        public Dictionary<string, Metric> Metrics { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Metric(string unit)
    {
        public string Unit { get; } = unit;

        public List<double> Values { get; } = [];
    }
}
