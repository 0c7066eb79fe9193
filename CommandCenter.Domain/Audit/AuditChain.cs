using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CommandCenter.Domain.Audit;

/// <summary>The hash chain of the audit log: SHA-256 over the previous hash and the row's own fields.</summary>
public static class AuditChain
{
    /// <summary>The hash the first row chains to.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string HashOf(string prevHash, long seq, DateTimeOffset at, string actor, string action, string? target, string? detail)
    {
        // Length-prefixed fields: no two different rows serialize to the same text.
        var text = new StringBuilder();
        foreach (var field in new[] { prevHash, seq.ToString(CultureInfo.InvariantCulture),
                     at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), actor, action, target ?? "\0", detail ?? "\0" })
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The row as written: its fields bounded and escaped (<see cref="AuditText"/>), chained to <paramref name="prevHash"/>.</summary>
    public static AuditEntry Seal(AuditRecord record, long seq, DateTimeOffset at, string prevHash)
    {
        var bounded = AuditText.Bounded(record);
        return new(seq, at, bounded.Actor, bounded.Action, bounded.Target, bounded.Detail, prevHash,
            HashOf(prevHash, seq, at, bounded.Actor, bounded.Action, bounded.Target, bounded.Detail));
    }

    /// <summary>
    /// Checks the whole log in order; returns null when intact, or the first row that was changed, removed
    /// (a gap in positions) or re-chained.
    /// </summary>
    public static AuditBreak? Verify(IEnumerable<AuditEntry> entries) => Verify(entries, null);

    /// <summary>
    /// Checks the log from a checkpoint on: <paramref name="entries"/> start with the checkpoint's own row (which must still
    /// carry the checkpoint's hash) and go on in order. With no checkpoint, from the first row.
    /// </summary>
    public static AuditBreak? Verify(IEnumerable<AuditEntry> entries, AuditCheckpoint? from)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var expectedPrev = Genesis;
        long? lastSeq = null;
        var first = true;
        foreach (var e in entries)
        {
            if (first && from is not null)
            {
                first = false;
                if (e.Seq != from.Seq || e.Hash != from.Hash)
                {
                    return new AuditBreak(from.Seq, e.Seq != from.Seq
                        ? $"row {from.Seq}, signed at checkpoint {from.At:u}, is missing"
                        : $"row {from.Seq} no longer carries the hash signed at checkpoint {from.At:u}");
                }

                expectedPrev = e.Hash;
                lastSeq = e.Seq;
                continue;
            }

            first = false;
            if (lastSeq is { } last && e.Seq != last + 1)
            {
                return new AuditBreak(last + 1, $"rows {last + 1}–{e.Seq - 1} are missing");
            }

            if (e.PrevHash != expectedPrev)
            {
                return new AuditBreak(e.Seq, "does not chain to the row before it");
            }

            if (e.Hash != HashOf(e.PrevHash, e.Seq, e.At, e.Actor, e.Action, e.Target, e.Detail))
            {
                return new AuditBreak(e.Seq, "its content does not match its hash (changed after it was written)");
            }

            expectedPrev = e.Hash;
            lastSeq = e.Seq;
        }

        if (first && from is not null)
        {
            return new AuditBreak(from.Seq, $"the log ends before row {from.Seq}, signed at checkpoint {from.At:u}: it was truncated");
        }

        return null;
    }
}

/// <summary>Where and how the audit chain is broken.</summary>
public sealed record AuditBreak(long Seq, string Reason);
