namespace BatchFanOut.Domain;

/// <summary>A batch of <paramref name="Items"/> ledger entries, collected <paramref name="ChunkSize"/> children at a time.</summary>
public sealed record BatchRequest(string BatchId, int Items, int ChunkSize);

/// <summary>The batch's result: what every child did.</summary>
public sealed record BatchResult(string BatchId, int Items, int Succeeded, int Failed, long TotalCents, IReadOnlyList<int> FailedItems);

/// <summary>The parent's custom status: children collected so far.</summary>
public sealed record BatchProgress(int Collected, int Failed, int Items);

/// <summary>One item: the input of its child workflow.</summary>
public sealed record BatchItem(string BatchId, int Index, long AmountCents);

/// <summary>A child's result.</summary>
public sealed record ItemResult(int Index, string EntryId, long PostedCents);

/// <summary>Posts one entry to the ledger.</summary>
public sealed record PostEntry(string BatchId, int Index, long AmountCents);

/// <summary>The ledger's receipt.</summary>
public sealed record Posted(string EntryId, long AmountCents);
