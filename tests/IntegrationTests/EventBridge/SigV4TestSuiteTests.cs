using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Time.Testing;

namespace LambdaWorkflow.IntegrationTests.EventBridge;

/// <summary>
/// Proves the local endpoint's verifier on cases of AWS's published SigV4 test suite (the <c>aws4_testsuite</c> that
/// botocore and the other SDKs check their signers with), then cross-checks it with the SDK's own signer.
/// </summary>
public sealed class SigV4TestSuiteTests
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Scope = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
    private const string SessionToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI"
        + "/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rK"
        + "wT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    /// <summary>Name, request (.req), signed headers and signature (.authz) of each case.</summary>
    public static TheoryData<string, string, string, string> Cases => new()
    {
        {
            "get-vanilla",
            "GET / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n\n",
            "host;x-amz-date",
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        },
        {
            "post-vanilla",
            "POST / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n\n",
            "host;x-amz-date",
            "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"
        },
        {
            "get-vanilla-query-order-key-case",
            "GET /?Param2=value2&Param1=value1 HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n\n",
            "host;x-amz-date",
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"
        },
        {
            "get-header-key-duplicate",
            "GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value2\nMy-Header1:value2\nMy-Header1:value1\nX-Amz-Date:20150830T123600Z\n\n",
            "host;my-header1;x-amz-date",
            "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"
        },
        {
            "get-header-value-trim",
            "GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1: value1\nMy-Header2: \"a   b   c\"\nX-Amz-Date:20150830T123600Z\n\n",
            "host;my-header1;my-header2;x-amz-date",
            "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"
        },
        {
            "post-header-value-case",
            "POST / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:VALUE1\nX-Amz-Date:20150830T123600Z\n\n",
            "host;my-header1;x-amz-date",
            "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verify_TestSuiteCase_AcceptsPublishedSignature(string name, string requestText, string signedHeaders, string signature)
    {
        var request = WithAuthorization(SignedRequest.ParseTestSuiteRequest(requestText), signedHeaders, signature);

        var verdict = CreateVerifier().Verify(request);

        Assert.True(verdict.IsValid, $"{name}: {verdict.Message}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verify_TestSuiteCaseWithOneSignatureDigitChanged_RejectsWithInvalidSignature(
        string name, string requestText, string signedHeaders, string signature)
    {
        var wrong = (signature[0] == '0' ? '1' : '0') + signature[1..];
        var request = WithAuthorization(SignedRequest.ParseTestSuiteRequest(requestText), signedHeaders, wrong);

        var verdict = CreateVerifier().Verify(request);

        Assert.False(verdict.IsValid, name);
        Assert.Equal((403, "InvalidSignatureException"), (verdict.StatusCode, verdict.ErrorCode));
    }

    [Fact]
    public void CanonicalRequest_PostVanilla_MatchesPublishedIntermediateStrings()
    {
        var request = SignedRequest.ParseTestSuiteRequest("POST / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n\n");

        var canonical = SigV4.CanonicalRequest(request, ["host", "x-amz-date"], SigV4.HexSha256([]));
        var stringToSign = SigV4.StringToSign("20150830T123600Z", "20150830/us-east-1/service/aws4_request", canonical);

        Assert.Equal(
            "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            canonical);
        Assert.Equal(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            + "553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87",
            stringToSign);
    }

    [Fact]
    public void Verify_PostStsHeaderBefore_AcceptsSignedSessionToken()
    {
        var request = SignedRequest.ParseTestSuiteRequest(
            $"POST / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\nX-Amz-Security-Token:{SessionToken}\n\n");
        request = WithAuthorization(
            request, "host;x-amz-date;x-amz-security-token", "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead");
        var verifier = CreateVerifier(SessionToken);

        var verdict = verifier.Verify(request);

        Assert.True(verdict.IsValid, verdict.Message);
    }

    [Fact]
    public void Verify_SessionCredentialWithoutTokenHeader_RejectsAsUnrecognizedClient()
    {
        var request = WithAuthorization(
            SignedRequest.ParseTestSuiteRequest("POST / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n\n"),
            "host;x-amz-date",
            "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");

        var verdict = CreateVerifier(SessionToken).Verify(request);

        Assert.Equal((403, "UnrecognizedClientException"), (verdict.StatusCode, verdict.ErrorCode));
    }

    [Fact]
    public void Verify_SuiteCaseOutsideClockSkew_RejectsAsExpired()
    {
        var request = WithAuthorization(
            SignedRequest.ParseTestSuiteRequest("GET / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n\n"),
            "host;x-amz-date",
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
        var clock = new FakeTimeProvider(SuiteTime.AddMinutes(16));
        var verifier = new SigV4Verifier("us-east-1", "service", clock, TimeSpan.FromMinutes(15));
        verifier.AddCredential(AccessKey, SecretKey);

        var verdict = verifier.Verify(request);

        Assert.Equal("InvalidSignatureException", verdict.ErrorCode);
        Assert.StartsWith("Signature expired", verdict.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("get-vanilla", "GET", "https://example.amazonaws.com/")]
    [InlineData("get-vanilla-query-order-key-case", "GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1")]
    [InlineData("post-vanilla", "POST", "https://example.amazonaws.com/")]
    public async Task Verify_SuiteRequestSignedBySdkSigner_Accepts(string name, string method, string uri)
    {
        // The SDK's signer always adds (and signs) x-amz-content-sha256, so its signatures differ from the suite's;
        // they must still verify, which checks both implementations against each other.
        var signing = new AWSSigningRequest { HttpMethod = new HttpMethod(method), RequestUri = new Uri(uri), Content = [] };
        var parameters = new AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials(AccessKey, SecretKey),
            Region = RegionEndpoint.USEast1,
            Service = "service",
            SignedAt = SuiteTime.UtcDateTime,
        };
        var signed = await AWSSigV4Signer.SignAsync(signing, parameters, CancellationToken.None);
        var target = new Uri(uri);
        var request = new SignedRequest(
            method,
            target.AbsolutePath,
            target.Query.TrimStart('?'),
            [new("Host", target.Host), .. signed.Headers],
            []);

        var verdict = CreateVerifier().Verify(request);

        Assert.True(verdict.IsValid, $"{name}: {verdict.Message}");
        Assert.Contains("x-amz-content-sha256", signed.Headers["Authorization"], StringComparison.Ordinal);
    }

    private static SigV4Verifier CreateVerifier(string? sessionToken = null)
    {
        var verifier = new SigV4Verifier("us-east-1", "service", new FakeTimeProvider(SuiteTime), TimeSpan.FromMinutes(15));
        verifier.AddCredential(AccessKey, SecretKey, sessionToken);
        return verifier;
    }

    private static SignedRequest WithAuthorization(SignedRequest request, string signedHeaders, string signature) =>
        request with
        {
            Headers =
            [
                .. request.Headers,
                new("Authorization", $"{SigV4.Algorithm} Credential={Scope}, SignedHeaders={signedHeaders}, Signature={signature}"),
            ],
        };
}
