using System.Diagnostics.Metrics;
using System.Globalization;

namespace LambdaWorkflow.Aws.Metrics;

/// <summary>
/// Listens to the project's meters (those named <c>LambdaWorkflow.*</c>) and buffers every measurement in an
/// <see cref="EmfMetricsWriter"/>: the instrument's name is the metric's, its unit maps through
/// <see cref="EmfUnits"/>, and the measurement's tags become dimensions. The Lambda entry points flush it after each
/// invocation, so every invocation's metrics land in the invocation's log.
/// </summary>
public sealed class EmfMetricsListener : IDisposable
{
    /// <summary>The prefix of the meters listened to.</summary>
    public const string MeterPrefix = "LambdaWorkflow.";

    private readonly MeterListener _listener = new();

    /// <summary>Starts listening.</summary>
    public EmfMetricsListener(EmfMetricsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Writer = writer;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith(MeterPrefix, StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument, EmfUnits.FromInstrumentUnit(instrument.Unit));
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, unit) => Record(instrument, value, tags, unit));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, unit) => Record(instrument, value, tags, unit));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, unit) => Record(instrument, value, tags, unit));
        _listener.Start();
    }

    /// <summary>The writer measurements go to.</summary>
    public EmfMetricsWriter Writer { get; }

    /// <summary>Writes what was measured since the last flush.</summary>
    public int Flush() => Writer.Flush();

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var dimensions = new KeyValuePair<string, string>[Math.Min(tags.Length, EmfMetricsWriter.MaxDimensions)];
        for (var i = 0; i < dimensions.Length; i++)
        {
            dimensions[i] = new(tags[i].Key, Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? string.Empty);
        }

        Writer.Record(instrument.Name, value, (string)state!, dimensions);
    }
}
