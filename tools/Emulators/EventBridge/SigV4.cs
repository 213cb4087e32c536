using System.Security.Cryptography;
using System.Text;

namespace LambdaWorkflow.Emulators;

/// <summary>
/// AWS Signature Version 4 (HMAC-SHA256), written from AWS's description of the algorithm, independent of the SDK's
/// signer so that each checks the other: canonical request, string to sign, signing key, signature.
/// </summary>
internal static class SigV4
{
    /// <summary>The algorithm name that opens the Authorization header and the string to sign.</summary>
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The terminator of every credential scope.</summary>
    public const string ScopeTerminator = "aws4_request";

    /// <summary>
    /// The canonical request: method, canonical URI, canonical query, canonical headers (the signed ones only),
    /// the signed header list and the payload hash, one per line.
    /// </summary>
    public static string CanonicalRequest(SignedRequest request, IReadOnlyList<string> signedHeaders, string payloadHash)
    {
        var text = new StringBuilder();
        text.Append(request.Method).Append('\n');
        text.Append(CanonicalUri(request.Path)).Append('\n');
        text.Append(CanonicalQuery(request.Query)).Append('\n');
        foreach (var name in signedHeaders)
        {
            text.Append(name).Append(':').Append(CanonicalHeaderValue(request.HeaderValues(name))).Append('\n');
        }

        text.Append('\n');
        text.Append(string.Join(';', signedHeaders)).Append('\n');
        text.Append(payloadHash);
        return text.ToString();
    }

    /// <summary>The string to sign: algorithm, request time, credential scope, hash of the canonical request.</summary>
    public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{amzDate}\n{scope}\n{HexSha256(Encoding.UTF8.GetBytes(canonicalRequest))}";

    /// <summary>The signing key: HMAC chain of "AWS4"+secret over the date, region, service and "aws4_request".</summary>
    public static byte[] SigningKey(string secretKey, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(ScopeTerminator));
    }

    /// <summary>The signature: lowercase hex of HMAC-SHA256(signing key, string to sign).</summary>
    public static string Signature(byte[] signingKey, string stringToSign) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>Lowercase hex of the SHA-256 of the bytes; the payload hash of the canonical request.</summary>
    public static string HexSha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>
    /// The header's value in canonical form: each value trimmed, runs of spaces inside collapsed to one, values of a
    /// repeated header joined with commas in arrival order.
    /// </summary>
    public static string CanonicalHeaderValue(IEnumerable<string> values) =>
        string.Join(',', values.Select(CollapseSpaces));

    /// <summary>Each path segment percent-decoded, then encoded again with only unreserved characters left bare.</summary>
    public static string CanonicalUri(string path)
    {
        if (path.Length == 0)
        {
            return "/";
        }

        return string.Join('/', path.Split('/').Select(segment => UriEncode(Uri.UnescapeDataString(segment))));
    }

    /// <summary>Parameters encoded as in <see cref="UriEncode"/>, sorted by name then value, joined with <c>&amp;</c>.</summary>
    public static string CanonicalQuery(string query)
    {
        if (query.Length == 0)
        {
            return string.Empty;
        }

        var parameters = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
                return (Name: UriEncode(Uri.UnescapeDataString(name)), Value: UriEncode(Uri.UnescapeDataString(value)));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', parameters.Select(p => $"{p.Name}={p.Value}"));
    }

    /// <summary>RFC 3986 encoding as SigV4 wants it: A-Z, a-z, 0-9, '-', '_', '.', '~' stay; every other UTF-8 byte is %XX, uppercase.</summary>
    public static string UriEncode(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static string CollapseSpaces(string value)
    {
        var text = new StringBuilder(value.Length);
        var lastWasSpace = false;
        foreach (var c in value.Trim())
        {
            if (c == ' ')
            {
                if (!lastWasSpace)
                {
                    text.Append(c);
                }

                lastWasSpace = true;
            }
            else
            {
                text.Append(c);
                lastWasSpace = false;
            }
        }

        return text.ToString();
    }
}
