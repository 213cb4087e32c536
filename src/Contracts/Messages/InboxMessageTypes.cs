namespace LambdaWorkflow.Contracts.Messages;

/// <summary>The values of an inbox message's <c>type</c> field.</summary>
public static class InboxMessageTypes
{
    /// <summary><see cref="Messages.StartWorkflow"/>.</summary>
    public const string StartWorkflow = nameof(Messages.StartWorkflow);

    /// <summary><see cref="Messages.CallCompleted"/>.</summary>
    public const string CallCompleted = nameof(Messages.CallCompleted);

    /// <summary><see cref="Messages.CallFailed"/>.</summary>
    public const string CallFailed = nameof(Messages.CallFailed);

    /// <summary><see cref="Messages.TimerFired"/>.</summary>
    public const string TimerFired = nameof(Messages.TimerFired);

    /// <summary><see cref="Messages.EventRaised"/>.</summary>
    public const string EventRaised = nameof(Messages.EventRaised);

    /// <summary><see cref="Messages.CancelRequested"/>.</summary>
    public const string CancelRequested = nameof(Messages.CancelRequested);

    /// <summary><see cref="Messages.ResumeRequested"/>.</summary>
    public const string ResumeRequested = nameof(Messages.ResumeRequested);

    /// <summary>Every known type, for error messages.</summary>
    public static IReadOnlyList<string> All { get; } =
        [StartWorkflow, CallCompleted, CallFailed, TimerFired, EventRaised, CancelRequested, ResumeRequested];
}
