using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.GridMembers;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Situation;

namespace CommandCenter.Domain.Tests.Situation;

/// <summary>Grid members on the wall: registered and on-duty counts of the scope and of each child, from their patrol reports.</summary>
public sealed class GridMemberCountsTests
{
    private static readonly JurisdictionCode GridB1 = JurisdictionCode.From("320505002001001");

    [Fact]
    public void A_scope_counts_its_registered_members_and_those_on_duty_by_child()
    {
        var tree = TestData.Tree();
        tree.Add(GridB1, "白马涧社区第1网格");
        var projection = new SituationProjection(tree, TestData.Categories, TestData.Policy);
        projection.UseGridMembers(
        [
            new GridMember("GM-A1", "张伟", "13900000001", TestData.GridA1, "金色社区网格组"),
            new GridMember("GM-A2", "李娜", "13900000002", TestData.GridA1, "金色社区网格组"),
            new GridMember("GM-B1", "王芳", "13900000003", GridB1, "白马涧社区网格组"),
        ]);
        var now = TestData.MondayNine;
        projection.Apply(Patrol("GM-A1", TestData.GridA1, now.AddMinutes(-3), onDuty: true));
        projection.Apply(Patrol("GM-A2", TestData.GridA1, now.AddMinutes(-40), onDuty: true)); // silent too long
        projection.Apply(Patrol("GM-B1", GridB1, now.AddMinutes(-1), onDuty: false)); // reported off duty

        var district = projection.Snapshot(TestData.District, now);
        var street = projection.Snapshot(TestData.StreetA, now);

        Assert.Equal((3, 1), (district.GridMembers!.Registered, district.GridMembers.OnDuty));
        Assert.Equal([("320505001", "狮山街道", 2, 1), ("320505002", "枫桥街道", 1, 0)],
            district.GridMembers.ByChild.Select(c => (c.Code.Value, c.Name, c.Registered, c.OnDuty)));
        Assert.Equal((2, 1), (street.GridMembers!.Registered, street.GridMembers.OnDuty));
        Assert.Equal(["GM-A1"], street.Patrols.Select(p => p.MemberId));
        Assert.Equal(0, projection.Snapshot(TestData.StreetA, now.AddMinutes(20)).GridMembers!.OnDuty); // the last report is now too old
    }

    [Fact]
    public void An_older_position_does_not_replace_a_newer_one()
    {
        var projection = new SituationProjection(TestData.Tree(), TestData.Categories, TestData.Policy);
        var now = TestData.MondayNine;

        projection.Apply(Patrol("GM-A1", TestData.GridA1, now, onDuty: true));
        var stale = projection.Apply(Patrol("GM-A1", TestData.GridA1, now.AddMinutes(-5), onDuty: false));

        Assert.Equal(ApplyResult.Stale, stale.Result);
        Assert.True(projection.Snapshot(TestData.District, now).Patrols.Single().OnDuty);
    }

    [Fact]
    public void Beyond_the_cap_a_snapshot_keeps_the_same_members_however_recently_others_reported()
    {
        var projection = new SituationProjection(TestData.Tree(), TestData.Categories, TestData.Policy);
        var now = TestData.MondayNine;
        var onDuty = SituationSnapshot.MaxPatrols + 50;
        for (var i = 0; i < onDuty; i++)
        {
            projection.Apply(Patrol($"GM-{i:0000}", TestData.GridA1, now.AddSeconds(-i), onDuty: true));
        }

        var before = projection.Snapshot(TestData.District, now).Patrols.Select(p => p.MemberId).ToList();
        projection.Apply(Patrol($"GM-{onDuty - 1:0000}", TestData.GridA1, now.AddSeconds(1), onDuty: true)); // beyond the cap, newest now
        var after = projection.Snapshot(TestData.District, now.AddSeconds(1));

        Assert.Equal(SituationSnapshot.MaxPatrols, before.Count);
        Assert.Equal(before, after.Patrols.Select(p => p.MemberId));
        Assert.Equal(onDuty, after.GridMembers!.OnDuty);
    }

    private static FeedEvent Patrol(string member, JurisdictionCode grid, DateTimeOffset at, bool onDuty) =>
        new($"patrol-{member}-{at.ToUnixTimeMilliseconds()}", "patrol-app", at, grid,
            new GridMemberPatrolled(new PatrolPosition(member, new GeoPoint(31.3, 120.56), onDuty, at)));
}
