using CommandCenter.Domain.Audit;

namespace CommandCenter.Domain.Tests.Audit;

public class AuditChainTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private static List<AuditEntry> Chain(int count)
    {
        var entries = new List<AuditEntry>();
        var prev = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var entry = AuditChain.Seal(new AuditRecord($"user{i}", "sign-in.ok", "web", $"ip 10.0.0.{i}"), i, At.AddMinutes(i), prev);
            entries.Add(entry);
            prev = entry.Hash;
        }

        return entries;
    }

    [Fact]
    public void An_untouched_chain_verifies() => Assert.Null(AuditChain.Verify(Chain(10)));

    [Fact]
    public void A_changed_detail_is_found_at_its_row()
    {
        var chain = Chain(10);
        chain[4] = chain[4] with { Detail = "ip 192.168.1.1" };
        var broken = AuditChain.Verify(chain);
        Assert.Equal(5, broken!.Seq);
        Assert.Contains("does not match its hash", broken.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_row_is_found()
    {
        var chain = Chain(10);
        chain.RemoveAt(6);
        Assert.Equal(7, AuditChain.Verify(chain)!.Seq);
    }

    [Fact]
    public void A_rehashed_row_still_breaks_the_next_link()
    {
        var chain = Chain(10);
        var forged = chain[2] with { Actor = "someone-else" };
        chain[2] = forged with { Hash = AuditChain.HashOf(forged.PrevHash, forged.Seq, forged.At, forged.Actor, forged.Action, forged.Target, forged.Detail) };
        Assert.Equal(4, AuditChain.Verify(chain)!.Seq);
    }

    [Fact]
    public void Removing_the_first_rows_is_found()
    {
        var chain = Chain(5).Skip(2);
        Assert.Equal(3, AuditChain.Verify(chain)!.Seq);
    }
}
