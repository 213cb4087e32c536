using Microsoft.Extensions.Logging;

namespace LambdaWorkflow.Aws.Sqs;

/// <summary>Settings shared by the SQS adapters; read once, when an adapter is created.</summary>
public sealed class SqsAdapterOptions
{
    /// <summary>The size SQS accepts for one message and for a whole batch, in bytes: 256 KiB.</summary>
    /// <remarks>SQS raised both limits to 1 MiB in 2025; 256 KiB stays the default so the same code fits every region and the emulator.</remarks>
    public const int DefaultMaxBytes = 256 * 1024;

    /// <summary>Retries of throttled and failed calls. Default <c>new SqsRetryOptions()</c>.</summary>
    public SqsRetryOptions Retry { get; set; } = new();

    /// <summary>Counts every request made, retries included; share one between adapters. Default a new counter.</summary>
    public SqsRequestCounter RequestCounter { get; set; } = new();

    /// <summary>
    /// Largest message (body plus attributes) and largest batch, in bytes. Default <see cref="DefaultMaxBytes"/>.
    /// A message over it is refused before sending, naming the message.
    /// </summary>
    public int MaxMessageBytes { get; set; } = DefaultMaxBytes;

    /// <summary>Logging of retries; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock of retry delays; tests pass a fake one. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws when a setting is out of range.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        ArgumentNullException.ThrowIfNull(RequestCounter, nameof(RequestCounter));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageBytes, 1024, nameof(MaxMessageBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxMessageBytes, 1024 * 1024, nameof(MaxMessageBytes));
        Retry.Validate();
    }
}
