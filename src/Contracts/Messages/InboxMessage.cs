using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace LambdaWorkflow.Contracts.Messages;

/// <summary>
/// A message to a workflow instance's inbox (a FIFO queue whose message group is the instance id).
/// One JSON shape with a <c>type</c> discriminator; read with <see cref="InboxMessageReader"/>.
/// </summary>
public abstract record InboxMessage
{
    /// <summary>Creates a message of the given <c>type</c>.</summary>
    protected InboxMessage(string type) => Type = type;

    /// <summary>The discriminator written as <c>type</c>.</summary>
    [JsonPropertyOrder(-2)]
    public string Type { get; }

    /// <summary>The workflow instance the message is for; also its FIFO message group.</summary>
    [JsonPropertyOrder(-1)]
    public string InstanceId { get; init; } = string.Empty;

    /// <summary>
    /// W3C <c>traceparent</c> of the span that sent the message, if traced, so the orchestrator's turn continues the
    /// sender's trace. Optional on the wire and not part of <see cref="Identity"/>: a resent message is a duplicate
    /// whatever trace it carries.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>What makes this message unique; two messages with equal identity are duplicates.</summary>
    [JsonIgnore]
    public abstract string Identity { get; }

    /// <summary>The SQS FIFO deduplication id: SHA-256 of <see cref="Identity"/> in hex (64 characters, within SQS's 128).</summary>
    [JsonIgnore]
    public string DeduplicationId => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Identity)));

    /// <summary>Checks the fields every message needs; derived messages add theirs.</summary>
    /// <exception cref="MessageFormatException">A required field is missing or invalid.</exception>
    public virtual void Validate() => Require.Name(InstanceId, "instanceId");
}
