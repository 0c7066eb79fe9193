namespace CommandCenter.Domain.Audit;

/// <summary>
/// One row of the append-only audit log (审计日志). Each row carries the hash of the row before it, so a changed
/// or removed row breaks the chain.
/// </summary>
public sealed record AuditEntry(
    long Seq,
    DateTimeOffset At,
    string Actor,
    string Action,
    string? Target,
    string? Detail,
    string PrevHash,
    string Hash);

/// <summary>What a service asks to be audited; the log adds the position, time and hashes.</summary>
public sealed record AuditRecord(string Actor, string Action, string? Target = null, string? Detail = null);
