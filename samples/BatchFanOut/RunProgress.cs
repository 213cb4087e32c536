using BatchFanOut.Domain;

namespace BatchFanOut;

/// <summary>Where a run stands: children finished (read from their statuses), the parent's own progress, and steps so far.</summary>
public sealed record RunProgress(int ChildrenFinished, int ChildrenFailed, int Items, BatchProgress? Parent, long Steps);
