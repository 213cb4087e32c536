using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LambdaWorkflow.Emulators;

/// <summary>
/// Checks a request's <c>Authorization</c> header the way an AWS service does: credential scope, request time, signed
/// headers, payload hash, session token and the signature itself, recomputed with <see cref="SigV4"/>.
/// </summary>
internal sealed class SigV4Verifier
{
    private const string InvalidSignature = "InvalidSignatureException";
    private const string IncompleteSignature = "IncompleteSignatureException";
    private const string UnrecognizedClient = "UnrecognizedClientException";

    private readonly ConcurrentDictionary<string, (string SecretKey, string? SessionToken)> _credentials = new(StringComparer.Ordinal);
    private readonly string _region;
    private readonly string _service;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxClockSkew;
    private readonly IReadOnlyList<string> _requiredSignedHeaders;

    /// <param name="region">The region signatures must be scoped to.</param>
    /// <param name="service">The service signatures must be scoped to, such as <c>events</c>.</param>
    /// <param name="timeProvider">The server's clock.</param>
    /// <param name="maxClockSkew">How far the request time may be from the server's clock; AWS allows 15 minutes.</param>
    /// <param name="requiredSignedHeaders">Headers that must be signed besides <c>host</c> and <c>x-amz-date</c>, lowercase.</param>
    public SigV4Verifier(
        string region, string service, TimeProvider timeProvider, TimeSpan maxClockSkew, IEnumerable<string>? requiredSignedHeaders = null)
    {
        _region = region;
        _service = service;
        _timeProvider = timeProvider;
        _maxClockSkew = maxClockSkew;
        _requiredSignedHeaders = ["host", "x-amz-date", .. requiredSignedHeaders ?? []];
    }

    /// <summary>Makes a key pair known; with a session token, requests must carry that token, signed.</summary>
    public void AddCredential(string accessKey, string secretKey, string? sessionToken = null) =>
        _credentials[accessKey] = (secretKey, sessionToken);

    /// <summary>Verifies the request's signature.</summary>
    public SigV4Verification Verify(SignedRequest request)
    {
        var authorization = request.Header("Authorization");
        if (authorization is null)
        {
            return SigV4Verification.Reject(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        if (!TryParseAuthorization(authorization, out var credential, out var signedHeaders, out var signature))
        {
            return SigV4Verification.Reject(400, IncompleteSignature, $"Authorization header is not a SigV4 header: '{authorization}'.");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5)
        {
            return SigV4Verification.Reject(400, IncompleteSignature, $"Credential '{credential}' is not key/date/region/service/aws4_request.");
        }

        var accessKey = scope[0];
        var amzDate = request.Header("X-Amz-Date");
        if (amzDate is null || !DateTimeOffset.TryParseExact(
            amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return SigV4Verification.Reject(400, IncompleteSignature, "Authorization requires a valid 'X-Amz-Date' header.", accessKey);
        }

        var scopeProblem = CheckScope(scope, amzDate);
        if (scopeProblem is not null)
        {
            return SigV4Verification.Reject(403, InvalidSignature, scopeProblem, accessKey);
        }

        var skew = (_timeProvider.GetUtcNow() - signedAt).Duration();
        if (skew > _maxClockSkew)
        {
            return SigV4Verification.Reject(403, InvalidSignature,
                $"Signature expired: {amzDate} is {skew.TotalMinutes:0.#} minutes from the server's time.", accessKey);
        }

        var headerProblem = CheckSignedHeaders(request, signedHeaders);
        if (headerProblem is not null)
        {
            return SigV4Verification.Reject(403, InvalidSignature, headerProblem, accessKey);
        }

        if (!_credentials.TryGetValue(accessKey, out var secret))
        {
            return SigV4Verification.Reject(403, UnrecognizedClient, "The security token included in the request is invalid.", accessKey);
        }

        var token = request.Header("X-Amz-Security-Token");
        if (!string.Equals(token, secret.SessionToken, StringComparison.Ordinal)
            || (token is not null && !signedHeaders.Contains("x-amz-security-token")))
        {
            return SigV4Verification.Reject(403, UnrecognizedClient, "The security token included in the request is invalid.", accessKey);
        }

        var payloadHash = SigV4.HexSha256(request.Body);
        var declaredHash = request.Header("X-Amz-Content-SHA256");
        if (declaredHash is not null && !string.Equals(declaredHash, payloadHash, StringComparison.Ordinal))
        {
            return SigV4Verification.Reject(403, InvalidSignature,
                "The provided 'x-amz-content-sha256' header does not match what was computed.", accessKey);
        }

        var canonicalRequest = SigV4.CanonicalRequest(request, signedHeaders, payloadHash);
        var stringToSign = SigV4.StringToSign(amzDate, string.Join('/', scope[1..]), canonicalRequest);
        var expected = SigV4.Signature(SigV4.SigningKey(secret.SecretKey, scope[1], scope[2], scope[3]), stringToSign);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            return SigV4Verification.Reject(403, InvalidSignature,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key "
                + $"and signing method.\n\nThe Canonical String for this request should have been\n'{canonicalRequest}'\n\n"
                + $"The String-to-Sign should have been\n'{stringToSign}'",
                accessKey);
        }

        return SigV4Verification.Valid(accessKey);
    }

    // "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=hex"
    private static bool TryParseAuthorization(
        string header, out string credential, out IReadOnlyList<string> signedHeaders, out string signature)
    {
        credential = signature = string.Empty;
        signedHeaders = [];
        if (!header.StartsWith(SigV4.Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = header[(SigV4.Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var c) || !parts.TryGetValue("SignedHeaders", out var h)
            || !parts.TryGetValue("Signature", out var s) || c.Length == 0 || h.Length == 0 || s.Length == 0)
        {
            return false;
        }

        credential = c;
        signedHeaders = h.Split(';');
        signature = s;
        return true;
    }

    private string? CheckScope(string[] scope, string amzDate)
    {
        if (!string.Equals(scope[1], amzDate[..8], StringComparison.Ordinal))
        {
            return $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scope[1]}' != '{amzDate[..8]}'.";
        }

        if (!string.Equals(scope[2], _region, StringComparison.Ordinal))
        {
            return $"Credential should be scoped to a valid region, not '{scope[2]}'; this endpoint is '{_region}'.";
        }

        if (!string.Equals(scope[3], _service, StringComparison.Ordinal))
        {
            return $"Credential should be scoped to correct service: '{_service}', not '{scope[3]}'.";
        }

        return string.Equals(scope[4], SigV4.ScopeTerminator, StringComparison.Ordinal)
            ? null
            : $"Credential should be scoped with a valid terminator: '{SigV4.ScopeTerminator}', not '{scope[4]}'.";
    }

    private string? CheckSignedHeaders(SignedRequest request, IReadOnlyList<string> signedHeaders)
    {
        for (var i = 0; i < signedHeaders.Count; i++)
        {
            var name = signedHeaders[i];
            if (name.Length == 0 || !string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal))
            {
                return $"SignedHeaders must be lowercase header names, not '{name}'.";
            }

            if (i > 0 && string.CompareOrdinal(signedHeaders[i - 1], name) >= 0)
            {
                return "SignedHeaders must be sorted and unique.";
            }

            if (!request.HeaderValues(name).Any())
            {
                return $"Header '{name}' is signed but was not sent.";
            }
        }

        var missing = _requiredSignedHeaders.Where(required => !signedHeaders.Contains(required)).ToList();
        return missing.Count == 0 ? null : $"SignedHeaders must include {string.Join(", ", missing)}.";
    }
}
