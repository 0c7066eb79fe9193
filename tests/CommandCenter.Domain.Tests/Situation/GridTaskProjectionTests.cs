using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.GridMembers;
using CommandCenter.Domain.Situation;
using static CommandCenter.Domain.Tests.TestData;

namespace CommandCenter.Domain.Tests.Situation;

/// <summary>Grid members' tasks in the live picture: who is sent, visits the alarms call for, completion by the right member only.</summary>
public sealed class GridTaskProjectionTests
{
    private static readonly GridMember InGrid = new("GM-A1", "徐敏", "13900000001", GridA1, "金色社区网格组");
    private static readonly GridMember Elsewhere = new("GM-B1", "李娜", "13900000002", Domain.Jurisdictions.JurisdictionCode.From("320505002001001"), "白马涧网格组");

    private readonly SituationProjection _projection = new(Tree(), TestData.Categories, Policy);
    private int _next;

    public GridTaskProjectionTests() => _projection.UseGridMembers([Elsewhere, InGrid]);

    [Fact]
    public void The_member_of_a_grid_is_its_own_and_of_a_community_the_first_of_its_grids()
    {
        var second = InGrid with { Id = "GM-A0", Grid = Domain.Jurisdictions.JurisdictionCode.From("320505001001002") };
        Assert.Equal("GM-A1", GridTask.MemberFor(GridA1, [second, InGrid, Elsewhere])!.Id);
        Assert.Equal("GM-A0", GridTask.MemberFor(CommunityA1, [InGrid, second, Elsewhere])!.Id);
        Assert.Null(GridTask.MemberFor(CommunityB1, [InGrid, second]));
    }

    [Theory]
    [InlineData(AlarmKind.ElderlyOneKey, true)]
    [InlineData(AlarmKind.AccessAnomaly, true)]
    [InlineData(AlarmKind.Smoke, false)]
    public void An_elderly_residents_alarm_calls_for_a_visit_by_the_grids_member_until_one_is_given(AlarmKind kind, bool visit)
    {
        Apply(new AlarmRaised("DEV-1", kind, AlarmSeverity.Major, "独居老人一键呼叫"));

        var due = _projection.VisitsDue();

        Assert.Equal(visit, due.Count == 1);
        if (visit)
        {
            Assert.Equal((GridTaskKind.Visit, "GM-A1"), (due[0].Kind, due[0].MemberId));
            Assert.Equal(ApplyResult.Applied, Apply(new GridTaskAssigned(due[0])));
            Assert.Empty(_projection.VisitsDue());
        }
    }

    [Fact]
    public void A_task_is_completed_by_its_own_member_once()
    {
        var task = new GridTask("verify-WO-1-a", GridTaskKind.Verify, "GM-A1", GridA1, "核查:沿街暴露垃圾", MondayNine, "WO-1");
        Apply(new GridTaskAssigned(task));

        Assert.Equal(ApplyResult.Rejected, Apply(new GridTaskDone(task.Id, "GM-B1", "属实")));
        Assert.Equal(ApplyResult.Applied, Apply(new GridTaskDone(task.Id, "GM-A1", "属实")));
        Assert.Equal(ApplyResult.Rejected, Apply(new GridTaskDone(task.Id, "GM-A1", "again")));
        Assert.Equal(ApplyResult.Rejected, Apply(new GridTaskAssigned(task))); // done is done
        Assert.Equal(ApplyResult.Rejected, Apply(new GridTaskDone("no-such-task", "GM-A1", null)));

        var done = _projection.FindTask(task.Id)!;
        Assert.Equal((false, "属实"), (done.IsOpen, done.Result));
        Assert.Equal([task.Id], _projection.Tasks(StreetA).Select(t => t.Id));
        Assert.Empty(_projection.Tasks(StreetB));
        Assert.True(_projection.Prune(MondayNine.AddDays(1).AddHours(1)) >= 1);
        Assert.Null(_projection.FindTask(task.Id)); // done yesterday: gone from the live picture
    }

    private ApplyResult Apply(FeedPayload payload) =>
        _projection.Apply(new FeedEvent($"e{++_next}", "test", MondayNine.AddMinutes(_next), GridA1, payload)).Result;
}
