using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LambdaWorkflow.ServiceHost.Callbacks;

/// <summary>
/// Writes and checks callback tokens: <c>lwf1.{base64url(payload JSON)}.{base64url(HMAC-SHA256)}</c>, the MAC over
/// everything before the last dot. Checking tries the signing key, then the previous keys, in constant time each.
/// </summary>
internal sealed class CallbackTokenCodec
{
    public const int MinKeyBytes = 32;
    private const string Prefix = "lwf1.";
    private const int MaxTokenLength = 4096;

    private readonly byte[] _signingKey;
    private readonly byte[][] _verificationKeys;

    private CallbackTokenCodec(byte[] signingKey, byte[][] previousKeys)
    {
        _signingKey = signingKey;
        _verificationKeys = [signingKey, .. previousKeys];
    }

    /// <summary>Builds the codec from the options' keys.</summary>
    /// <exception cref="ArgumentException">A key is missing, not base64, or shorter than 32 bytes.</exception>
    public static CallbackTokenCodec Create(CallbackOptions options)
    {
        var signing = DecodeKey(options.SigningKey, nameof(CallbackOptions.SigningKey));
        var previous = options.PreviousSigningKeys.Select((key, i) => DecodeKey(key, $"{nameof(CallbackOptions.PreviousSigningKeys)}[{i}]")).ToArray();
        return new CallbackTokenCodec(signing, previous);
    }

    public string Encode(CallbackTokenPayload payload)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(payload, ServiceHostJsonContext.Default.CallbackTokenPayload);
        var body = Prefix + Base64Url.EncodeToString(json);
        return body + "." + Base64Url.EncodeToString(Sign(_signingKey, body));
    }

    /// <exception cref="InvalidCallbackTokenException">The token is malformed, unsigned by any configured key, or altered.</exception>
    public CallbackTokenPayload Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new InvalidCallbackTokenException("The callback token is empty.");
        }

        if (token.Length > MaxTokenLength || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new InvalidCallbackTokenException("The text is not a LambdaWorkflow callback token.");
        }

        var dot = token.LastIndexOf('.');
        if (dot <= Prefix.Length || !Base64Url.IsValid(token.AsSpan(dot + 1)) || !Base64Url.IsValid(token.AsSpan(Prefix.Length, dot - Prefix.Length)))
        {
            throw new InvalidCallbackTokenException("The callback token is malformed.");
        }

        var body = token[..dot];
        var signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        var valid = false;
        foreach (var key in _verificationKeys)
        {
            // Every key is tried, so the time taken says nothing about which one matched.
            valid |= CryptographicOperations.FixedTimeEquals(Sign(key, body), signature);
        }

        if (!valid)
        {
            throw new InvalidCallbackTokenException("The callback token's signature does not match any configured key: it was altered, or signed with another key.");
        }

        CallbackTokenPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(body.AsSpan(Prefix.Length)), ServiceHostJsonContext.Default.CallbackTokenPayload);
        }
        catch (JsonException ex)
        {
            throw new InvalidCallbackTokenException("The callback token's payload is not readable.", ex);
        }

        if (payload is null || payload.Version != CallbackTokenPayload.CurrentVersion || payload.CallId.Length == 0
            || payload.InstanceId.Length == 0 || payload.Service.Length == 0 || payload.ReplyTo.Length == 0)
        {
            throw new InvalidCallbackTokenException("The callback token's payload is incomplete or of an unknown version.");
        }

        return payload;
    }

    private static byte[] Sign(byte[] key, string body) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(body));

    private static byte[] DecodeKey(string? base64, string name)
    {
        if (string.IsNullOrEmpty(base64))
        {
            throw new ArgumentException($"Callback option {name} is not set; set a base64 key of at least {MinKeyBytes} random bytes.", name);
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"Callback option {name} is not valid base64.", name, ex);
        }

        return key.Length >= MinKeyBytes
            ? key
            : throw new ArgumentException($"Callback option {name} holds {key.Length} bytes; HMAC-SHA256 needs at least {MinKeyBytes}.", name);
    }
}
