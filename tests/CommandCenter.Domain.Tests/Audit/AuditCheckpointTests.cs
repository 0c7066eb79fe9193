using CommandCenter.Domain.Audit;

namespace CommandCenter.Domain.Tests.Audit;

public sealed class AuditCheckpointTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void The_chain_verifies_from_a_checkpoint_and_catches_what_changed_after_it()
    {
        var log = Log(10);
        var checkpoint = new AuditCheckpoint(6, log[5].Hash, At, null);

        Assert.Null(AuditChain.Verify(log.Skip(5), checkpoint));
        var tampered = log.Skip(5).Select(e => e.Seq == 8 ? e with { Detail = "nothing happened" } : e);
        Assert.Equal(8, AuditChain.Verify(tampered, checkpoint)!.Seq);
        var rewritten = log.Skip(5).Select(e => e.Seq == 6 ? e with { Hash = new string('a', 64) } : e);
        Assert.Contains("no longer carries the hash", AuditChain.Verify(rewritten, checkpoint)!.Reason, StringComparison.Ordinal);
        Assert.Contains("truncated", AuditChain.Verify([], checkpoint)!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Kept_checkpoints_show_a_truncated_or_rewritten_log()
    {
        var log = Log(10).ToDictionary(e => e.Seq, e => e.Hash);
        var kept = new[] { new AuditCheckpoint(4, log[4], At, "sig"), new AuditCheckpoint(9, log[9], At.AddHours(1), "sig") };

        Assert.Null(AuditCheckpoints.Compare(kept, s => log.GetValueOrDefault(s), 10));
        Assert.Contains("truncated", AuditCheckpoints.Compare(kept, s => s <= 7 ? log[s] : null, 7)!.Reason, StringComparison.Ordinal);
        Assert.Contains("rewritten", AuditCheckpoints.Compare(kept, s => s == 4 ? new string('b', 64) : log.GetValueOrDefault(s), 10)!.Reason, StringComparison.Ordinal);
    }

    private static List<AuditEntry> Log(int rows)
    {
        var log = new List<AuditEntry>();
        var prev = AuditChain.Genesis;
        for (var seq = 1; seq <= rows; seq++)
        {
            var entry = AuditChain.Seal(new AuditRecord("admin", "user.created", $"u{seq}"), seq, At.AddMinutes(seq), prev);
            log.Add(entry);
            prev = entry.Hash;
        }

        return log;
    }
}
