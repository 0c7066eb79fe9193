using System.Globalization;

namespace CommandCenter.Domain.Audit;

/// <summary>
/// A signed statement of the audit chain's head: row <see cref="Seq"/> had hash <see cref="Hash"/> at <see cref="At"/>.
/// Kept in the store and, exported, by an operator elsewhere: a log that no longer holds a signed row (truncated) or
/// holds it with another hash (rewritten) is caught, even if whoever did it also rewrote every later hash.
/// </summary>
public sealed record AuditCheckpoint(long Seq, string Hash, DateTimeOffset At, string? Signature)
{
    /// <summary>The exact text signed: <c>commandcenter-audit-checkpoint:{seq}:{hash}:{unix ms}</c>.</summary>
    public string SignedText => string.Create(CultureInfo.InvariantCulture, $"commandcenter-audit-checkpoint:{Seq}:{Hash}:{At.ToUnixTimeMilliseconds()}");
}

/// <summary>What comparing checkpoints kept elsewhere with the log found: nothing (null), or the first problem.</summary>
public static class AuditCheckpoints
{
    /// <summary>
    /// Checks kept checkpoints against the log's rows at their positions (<paramref name="hashAt"/>: the hash of row N, or
    /// null if there is none) and its head.
    /// </summary>
    public static AuditBreak? Compare(IEnumerable<AuditCheckpoint> kept, Func<long, string?> hashAt, long headSeq)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(hashAt);
        foreach (var checkpoint in kept.OrderBy(c => c.Seq))
        {
            if (checkpoint.Seq > headSeq)
            {
                return new AuditBreak(checkpoint.Seq,
                    $"the log ends at row {headSeq}, but row {checkpoint.Seq} was signed at {checkpoint.At:u}: it was truncated");
            }

            if (hashAt(checkpoint.Seq) is not { } hash)
            {
                return new AuditBreak(checkpoint.Seq, $"row {checkpoint.Seq}, signed at {checkpoint.At:u}, is missing");
            }

            if (hash != checkpoint.Hash)
            {
                return new AuditBreak(checkpoint.Seq, $"row {checkpoint.Seq} no longer carries the hash signed at {checkpoint.At:u}: it was rewritten");
            }
        }

        return null;
    }
}
