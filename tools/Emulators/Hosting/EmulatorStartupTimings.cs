namespace LambdaWorkflow.Emulators;

/// <summary>How long <see cref="EmulatorHost.StartAsync"/> took, for diagnosing slow test runs.</summary>
/// <param name="Install">Time spent in <c>npm ci</c>; <see langword="null"/> when an earlier install was reused.</param>
/// <param name="Sqs">From launching the SQS emulator to its first successful <c>ListQueues</c>.</param>
/// <param name="DynamoDb">From launching the DynamoDB emulator to its first successful <c>ListTables</c>.</param>
public sealed record EmulatorStartupTimings(TimeSpan? Install, TimeSpan Sqs, TimeSpan DynamoDb);
