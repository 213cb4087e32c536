namespace Approval;

/// <summary>Where a run stands: expenses decided, escalations so far, and how much virtual time has passed.</summary>
public sealed record ApprovalProgress(int Decided, int Total, long Escalations, TimeSpan VirtualElapsed);
