namespace LambdaWorkflow.Emulators;

/// <summary>An SQS queue created for a test: the name, the URL the SDK calls take and the ARN policies refer to.</summary>
public sealed record QueueAddress(string Name, string QueueUrl, string QueueArn);
