namespace LambdaWorkflow.UnitTests.Infra;

/// <summary>One permission a function needs: an IAM action on one resource of the templates.</summary>
/// <param name="Function">The function, as <c>template:LogicalId</c>.</param>
/// <param name="Action">The IAM action.</param>
/// <param name="Resource">The resource, as <c>template:LogicalId</c> (imports are followed to the core stack's resource).</param>
/// <param name="Why">Which code makes the call.</param>
/// <param name="Condition">The template condition the grant depends on, as <c>template:Condition</c>; null for always.</param>
internal sealed record IamGrant(string Function, string Action, string Resource, string Why, string? Condition = null);

/// <summary>
/// THE list of AWS calls the code makes, per function and resource. The IAM tests demand that each function's
/// policy grants exactly these, nothing more: when the code starts or stops calling something, change this list
/// and the template together.
/// </summary>
internal static class CodeIamActions
{
    public const string Orchestrator = "core:OrchestratorFunction";
    public const string Service = "service:Function";

    private const string StateTable = "core:StateTable";
    private const string EventBus = "core:EventBus";
    private const string Inbox = "core:InboxQueue";
    private const string InboxDlq = "core:InboxDeadLetterQueue";
    private const string TimerQueue = "core:TimerQueue";
    private const string ServiceQueue = "service:Queue";
    private const string ServiceDlq = "service:DeadLetterQueue";
    private const string IdempotencyTable = "service:IdempotencyTable";

    /// <summary>Calls made by the project's code and by the Lambda event source mappings, which use the function's role.</summary>
    public static IReadOnlyList<IamGrant> Calls { get; } =
    [
        new(Orchestrator, "dynamodb:GetItem", StateTable, "state store: load instance metadata"),
        new(Orchestrator, "dynamodb:Query", StateTable, "state store: load history of items written before segments"),
        new(Orchestrator, "dynamodb:BatchWriteItem", StateTable, "state store: write a turn's history items"),
        new(Orchestrator, "dynamodb:PutItem", StateTable, "state store: create an instance"),
        new(Orchestrator, "dynamodb:UpdateItem", StateTable, "state store: conditional metadata update"),
        new(Orchestrator, "events:PutEvents", EventBus, "command publisher: CallRequested events"),
        new(Orchestrator, "sqs:SendMessage", ServiceQueue, "direct dispatch (SqsCommandPublisher): calls straight to the service queue", "service:IsDirectDispatch"),
        new(Orchestrator, "sqs:SendMessage", Inbox, "inbox sender: fired timers, child workflows, cancelling children"),
        new(Orchestrator, "sqs:SendMessage", TimerQueue, "timer scheduler: delayed TimerFired, hop by hop"),
        new(Orchestrator, "sqs:SendMessage", InboxDlq, "dead-lettering with a reason"),
        new(Orchestrator, "sqs:ReceiveMessage", Inbox, "event source mapping"),
        new(Orchestrator, "sqs:DeleteMessage", Inbox, "event source mapping"),
        new(Orchestrator, "sqs:GetQueueAttributes", Inbox, "event source mapping"),
        new(Orchestrator, "sqs:ChangeMessageVisibility", Inbox, "event source mapping"),
        new(Orchestrator, "sqs:ReceiveMessage", TimerQueue, "event source mapping (timer relay)"),
        new(Orchestrator, "sqs:DeleteMessage", TimerQueue, "event source mapping (timer relay)"),
        new(Orchestrator, "sqs:GetQueueAttributes", TimerQueue, "event source mapping (timer relay)"),
        new(Orchestrator, "sqs:ChangeMessageVisibility", TimerQueue, "event source mapping (timer relay)"),

        new(Service, "sqs:ReceiveMessage", ServiceQueue, "event source mapping"),
        new(Service, "sqs:DeleteMessage", ServiceQueue, "event source mapping"),
        new(Service, "sqs:GetQueueAttributes", ServiceQueue, "event source mapping"),
        new(Service, "sqs:ChangeMessageVisibility", ServiceQueue, "event source mapping"),
        new(Service, "sqs:SendMessage", Inbox, "replies: CallCompleted and CallFailed"),
        new(Service, "sqs:SendMessage", ServiceDlq, "dead-lettering with a reason"),
        new(Service, "dynamodb:GetItem", IdempotencyTable, "idempotency store: recorded reply"),
        new(Service, "dynamodb:PutItem", IdempotencyTable, "idempotency store: claim a callId"),
        new(Service, "dynamodb:UpdateItem", IdempotencyTable, "idempotency store: record the reply"),
    ];

    /// <summary>
    /// Calls Lambda itself makes with the role, not the project's code: writing the function's log. Granted on the
    /// function's own log group instead of through AWSLambdaBasicExecutionRole, whose resource is "*".
    /// </summary>
    public static IReadOnlyList<IamGrant> Platform { get; } =
    [
        new(Orchestrator, "logs:CreateLogStream", "core:OrchestratorLogGroup", "Lambda runtime logging"),
        new(Orchestrator, "logs:PutLogEvents", "core:OrchestratorLogGroup", "Lambda runtime logging"),
        new(Service, "logs:CreateLogStream", "service:LogGroup", "Lambda runtime logging"),
        new(Service, "logs:PutLogEvents", "service:LogGroup", "Lambda runtime logging"),
    ];

    public static IEnumerable<IamGrant> All => Calls.Concat(Platform);

    public static IEnumerable<string> Functions => [Orchestrator, Service];
}
