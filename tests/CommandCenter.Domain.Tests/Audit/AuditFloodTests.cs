using CommandCenter.Domain.Audit;

namespace CommandCenter.Domain.Tests.Audit;

public sealed class AuditFloodTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_flood_by_one_actor_is_written_up_to_the_limit_and_counted_after_it()
    {
        var flood = new AuditFlood(perActorPerMinute: 20, perActionPerMinute: 300);
        var admitted = Enumerable.Range(0, 50).Count(i => flood.Admit(new AuditRecord("op-fengqiao", "sign-in.failed", "10.0.0.9"), Now.AddSeconds(i)));

        Assert.Equal(20, admitted);
        Assert.Empty(flood.Due(Now.AddSeconds(59))); // the minute is not over
        var summary = Assert.Single(flood.Due(Now.AddSeconds(60)));
        Assert.Equal(("op-fengqiao", AuditFlood.SuppressedAction, "sign-in.failed"), (summary.Actor, summary.Action, summary.Target));
        Assert.StartsWith("30 more 'sign-in.failed' entries suppressed between", summary.Detail, StringComparison.Ordinal);
        Assert.True(flood.Admit(new AuditRecord("op-fengqiao", "sign-in.failed"), Now.AddSeconds(61))); // a new minute
    }

    [Fact]
    public void A_flood_by_many_actors_is_held_to_the_action_limit()
    {
        var flood = new AuditFlood(perActorPerMinute: 20, perActionPerMinute: 100);
        var admitted = Enumerable.Range(0, 400).Count(i => flood.Admit(new AuditRecord($"guess-{i}", "sign-in.failed"), Now));

        Assert.Equal(100, admitted);
        var summary = Assert.Single(flood.Due(null));
        Assert.Equal(("(many)", "sign-in.failed"), (summary.Actor, summary.Target));
        Assert.StartsWith("300 more", summary.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void What_is_not_noisy_is_always_written()
    {
        var flood = new AuditFlood(perActorPerMinute: 1, perActionPerMinute: 1);

        Assert.All(Enumerable.Range(0, 10), _ => Assert.True(flood.Admit(new AuditRecord("commander", "dispatch", "ORDER-1"), Now)));
        Assert.All(Enumerable.Range(0, 10), _ => Assert.True(flood.Admit(new AuditRecord("commander", "sign-in.ok"), Now)));
        Assert.Empty(flood.Due(null));
    }
}

public sealed class AuditTextTests
{
    [Fact]
    public void Control_characters_are_escaped_so_no_row_can_forge_another()
    {
        var record = AuditText.Bounded(new AuditRecord("evil\n2026-12-02 admin sign-in.ok", "sign-in.failed", "10.0.0.1\r\n", "tab\there\u001b[31m"));

        Assert.Equal("evil\\n2026-12-02 admin sign-in.ok", record.Actor);
        Assert.Equal("10.0.0.1\\r\\n", record.Target);
        Assert.Equal("tab\\there\\u001b[31m", record.Detail);
    }

    [Fact]
    public void Each_field_is_bounded_and_says_how_much_was_cut()
    {
        var record = AuditText.Bounded(new AuditRecord(new string('a', 10_000), "x", null, new string('d', 100_000)));

        Assert.Equal(AuditText.MaxActor, record.Actor.Length);
        Assert.EndsWith($"…(+{10_000 - AuditText.MaxActor} chars)", record.Actor, StringComparison.Ordinal);
        Assert.Equal(AuditText.MaxDetail, record.Detail!.Length);
        Assert.Null(record.Target);
    }

    [Fact]
    public void A_sealed_row_is_bounded_and_still_verifies()
    {
        var entry = AuditChain.Seal(new AuditRecord("a\nb", "act", null, new string('x', 5000)), 1, DateTimeOffset.UnixEpoch, AuditChain.Genesis);

        Assert.Equal("a\\nb", entry.Actor);
        Assert.Null(AuditChain.Verify([entry]));
    }
}
