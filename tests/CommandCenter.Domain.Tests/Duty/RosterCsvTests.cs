using CommandCenter.Domain.Duty;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.Tests.Duty;

public sealed class RosterCsvTests
{
    private static readonly JurisdictionTree Tree = TestData.Tree();

    [Fact]
    public void A_roster_becomes_shifts_in_china_time_with_their_members()
    {
        var (shifts, problems) = RosterCsv.Parse("""
            jurisdiction,start,end,leader,leaderPhone,members
            320505001,2026-11-23 08:00,2026-11-23 20:00,王强,13900000001,李娜:13900000002;赵敏:13900000003
            320505,2026-11-23 20:00,2026-11-24 08:00,陈刚,13900000004,
            """, Tree);

        Assert.Empty(problems);
        Assert.Equal(2, shifts.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(8)), shifts[0].Start);
        Assert.Equal(["李娜", "赵敏"], shifts[0].Members.Select(m => m.Name));
        Assert.Equal("roster-320505001-202611230800", shifts[0].Id);
        Assert.Empty(shifts[1].Members);
    }

    [Theory]
    [InlineData("name,start\n", 1, "header")]
    [InlineData("jurisdiction,start,end,leader,leaderPhone,members\n999999,2026-11-23 08:00,2026-11-23 20:00,王强,139,", 2, "jurisdiction")]
    [InlineData("jurisdiction,start,end,leader,leaderPhone,members\n320505001,tomorrow,2026-11-23 20:00,王强,139,", 2, "start")]
    [InlineData("jurisdiction,start,end,leader,leaderPhone,members\n320505001,2026-11-23 20:00,2026-11-23 08:00,王强,139,", 2, "end")]
    [InlineData("jurisdiction,start,end,leader,leaderPhone,members\n320505001,2026-11-23 08:00,2026-11-23 20:00,王强,<b>,", 2, "leader")]
    [InlineData("jurisdiction,start,end,leader,leaderPhone,members\n320505001,2026-11-23 08:00,2026-11-23 20:00,王强,139,李娜", 2, "members")]
    [InlineData("jurisdiction,start,end,leader,leaderPhone,members\n320505001,2026-11-23 08:00", 2, "columns")]
    public void A_bad_line_is_named_and_nothing_is_imported(string text, int line, string about)
    {
        var (shifts, problems) = RosterCsv.Parse(text, Tree);

        Assert.Empty(shifts);
        var problem = Assert.Single(problems);
        Assert.Equal(line, problem.Line);
        Assert.Contains(about, problem.Problem, StringComparison.Ordinal);
    }
}
