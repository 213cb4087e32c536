namespace LambdaWorkflow.Emulators;

/// <summary>The verdict on a request's signature; a rejection carries the AWS error it answers with.</summary>
/// <param name="IsValid">True when the signature is right.</param>
/// <param name="StatusCode">The HTTP status of the rejection; 200 when valid.</param>
/// <param name="ErrorCode">The AWS error code of the rejection, such as <c>InvalidSignatureException</c>.</param>
/// <param name="Message">Why the request was rejected.</param>
/// <param name="AccessKey">The access key the request was signed with, when it could be read.</param>
internal sealed record SigV4Verification(bool IsValid, int StatusCode, string? ErrorCode, string? Message, string? AccessKey)
{
    /// <summary>A valid signature by <paramref name="accessKey"/>.</summary>
    public static SigV4Verification Valid(string accessKey) => new(true, 200, null, null, accessKey);

    /// <summary>A rejection.</summary>
    public static SigV4Verification Reject(int statusCode, string errorCode, string message, string? accessKey = null) =>
        new(false, statusCode, errorCode, message, accessKey);
}
