namespace LambdaWorkflow.Aws.EventBridge;

/// <summary>One command whose entry EventBridge did not accept.</summary>
/// <param name="CallId">The command's call id.</param>
/// <param name="ErrorCode">The entry's <c>ErrorCode</c>, such as <c>InvalidArgument</c>.</param>
/// <param name="ErrorMessage">The entry's <c>ErrorMessage</c>, if any.</param>
public sealed record EventBridgeEntryFailure(string CallId, string ErrorCode, string? ErrorMessage);
