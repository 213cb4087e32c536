using System.Diagnostics.Metrics;
using System.Text.Json;
using LambdaWorkflow.Aws.Metrics;
using Microsoft.Extensions.Time.Testing;

namespace LambdaWorkflow.UnitTests.Telemetry;

public sealed class EmfMetricsWriterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Flush_ValuesOfOneDimensionSet_OneLineWithDirectiveAndValues()
    {
        var (writer, output) = NewWriter();
        var dims = new[] { KeyValuePair.Create("lwf.workflow", "order") };

        writer.Record("lwf.orchestrator.turn.duration", 12.5, "Milliseconds", dims);
        writer.Record("lwf.orchestrator.turn.duration", 7, "Milliseconds", dims);
        writer.Record("lwf.orchestrator.steps", 1, "Count", dims);
        var lines = writer.Flush();

        Assert.Equal(1, lines);
        using var line = JsonDocument.Parse(Lines(output).Single());
        var root = line.RootElement;
        var aws = root.GetProperty("_aws");
        Assert.Equal(Now.ToUnixTimeMilliseconds(), aws.GetProperty("Timestamp").GetInt64());
        var directive = aws.GetProperty("CloudWatchMetrics").EnumerateArray().Single();
        Assert.Equal("LambdaWorkflow", directive.GetProperty("Namespace").GetString());
        Assert.Equal(["lwf.workflow"], directive.GetProperty("Dimensions")[0].EnumerateArray().Select(d => d.GetString()));
        var metrics = directive.GetProperty("Metrics").EnumerateArray().ToDictionary(m => m.GetProperty("Name").GetString()!, m => m.GetProperty("Unit").GetString());
        Assert.Equal("Milliseconds", metrics["lwf.orchestrator.turn.duration"]);
        Assert.Equal("Count", metrics["lwf.orchestrator.steps"]);
        Assert.Equal("order", root.GetProperty("lwf.workflow").GetString());
        Assert.Equal([12.5, 7], root.GetProperty("lwf.orchestrator.turn.duration").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(1, root.GetProperty("lwf.orchestrator.steps").GetDouble());
    }

    [Fact]
    public void Flush_TwoDimensionSetsAndOverHundredValues_SplitsIntoLinesWithinTheFormatsLimits()
    {
        var (writer, output) = NewWriter();
        for (var i = 0; i < 150; i++)
        {
            writer.Record("m", i, "Count", [KeyValuePair.Create("svc", "a")]);
        }

        writer.Record("m", 1, "Count", [KeyValuePair.Create("svc", "b")]);

        Assert.Equal(3, writer.Flush());
        var documents = Lines(output).Select(l => JsonDocument.Parse(l)).ToList();
        var counts = documents.Select(d => d.RootElement.GetProperty("m") is { ValueKind: JsonValueKind.Array } a ? a.GetArrayLength() : 1).Order().ToList();
        Assert.Equal([1, 50, 100], counts);
        Assert.Equal(0, writer.Flush());
    }

    [Fact]
    public void Record_NotFinite_IsDropped()
    {
        var (writer, _) = NewWriter();

        writer.Record("m", double.NaN, "Count", []);

        Assert.Equal(0, writer.Flush());
    }

    [Theory]
    [InlineData("ms", "Milliseconds")]
    [InlineData("s", "Seconds")]
    [InlineData("{event}", "Count")]
    [InlineData("By", "Bytes")]
    [InlineData(null, "None")]
    public void FromInstrumentUnit_KnownUnits_MapToCloudWatchNames(string? unit, string expected) =>
        Assert.Equal(expected, EmfUnits.FromInstrumentUnit(unit));

    [Fact]
    public void Listener_ProjectMeter_WritesItsMeasurementsWithTagsAsDimensions()
    {
        var (writer, output) = NewWriter();
        using var listener = new EmfMetricsListener(writer);
        using var meter = new Meter("LambdaWorkflow.UnitTests.Emf." + Guid.NewGuid().ToString("N"));
        using var other = new Meter("Someone.Else");
        var histogram = meter.CreateHistogram<double>("lwf.test.duration", "ms");
        other.CreateCounter<long>("not.ours").Add(1);

        histogram.Record(3.5, new KeyValuePair<string, object?>("lwf.service", "inventory"));
        listener.Flush();

        var line = Assert.Single(Lines(output), l => l.Contains("lwf.test.duration", StringComparison.Ordinal));
        using var document = JsonDocument.Parse(line);
        Assert.Equal("inventory", document.RootElement.GetProperty("lwf.service").GetString());
        Assert.Equal(3.5, document.RootElement.GetProperty("lwf.test.duration").GetDouble());
        Assert.Contains("Milliseconds", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Lines(output), l => l.Contains("not.ours", StringComparison.Ordinal));
    }

    private static (EmfMetricsWriter Writer, StringWriter Output) NewWriter()
    {
        var output = new StringWriter();
        return (new EmfMetricsWriter(output, "LambdaWorkflow", new FakeTimeProvider(Now)), output);
    }

    private static string[] Lines(StringWriter output) => output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
