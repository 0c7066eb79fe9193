using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Components.Widgets;

namespace CommandCenter.Web.Tests.Widgets;

public class KpiTilesTests : WidgetTestContext
{
    [Fact]
    public void Tiles_show_todays_counts_and_closure_rate_with_its_denominator()
    {
        var t = Situations.MondayNine;
        Data.Report("A").Act("A", WorkOrderAction.Accept, t.AddMinutes(1))
            .Report("B").Act("B", WorkOrderAction.Accept, t.AddMinutes(1)).Act("B", WorkOrderAction.Dispatch, t.AddMinutes(2), "U")
            .Act("B", WorkOrderAction.SignOff, t.AddMinutes(3))
            .Report("C").Act("C", WorkOrderAction.Accept, t.AddMinutes(1)).Act("C", WorkOrderAction.Dispatch, t.AddMinutes(2), "U")
            .Act("C", WorkOrderAction.SignOff, t.AddMinutes(3)).Act("C", WorkOrderAction.ReportDone, t.AddMinutes(4))
            .Act("C", WorkOrderAction.VerifyOk, t.AddMinutes(5));

        var cut = Render<KpiTiles>(p => p.Add(x => x.Snapshot, Data.At(t.AddHours(1))));

        Assert.Equal("3", Value(cut, "total-today"));
        Assert.Equal("1", Value(cut, "pending-sign-off"));
        Assert.Equal("1", Value(cut, "in-progress"));
        Assert.Equal("1", Value(cut, "closed"));
        // Due to close: C (closed) and A (open past its 30-minute dispatch limit); B is still within its limit.
        Assert.Equal("50.0%", Value(cut, "closure-rate"));
        Assert.Contains("1 / 2", cut.Find("[data-kpi=closure-rate] .kpi-sub").TextContent, StringComparison.Ordinal);
        Assert.Equal("1", Value(cut, "overdue")); // A waited past its 30-minute dispatch limit
        Assert.Contains("alert", cut.Find("[data-kpi=overdue]").ClassList);
    }

    [Fact]
    public void Tiles_show_reported_beside_accepted_the_centers_rates_and_a_footnote_saying_what_each_divides()
    {
        var t = Situations.MondayNine;
        Data.Report("A").Act("A", WorkOrderAction.Accept, t.AddMinutes(1))
            .Report("B").Act("B", WorkOrderAction.Accept, t.AddMinutes(1)).Act("B", WorkOrderAction.Dispatch, t.AddMinutes(2), "U")
            .Report("C");

        var cut = Render<KpiTiles>(p => p.Add(x => x.Snapshot, Data.At(t.AddMinutes(10))));

        Assert.Equal("3", Value(cut, "total-today"));
        Assert.Equal("2", Value(cut, "accepted-today"));
        Assert.Equal(["今日上报", "今日受理", "待签收", "处理中", "已办结", "办结率", "按期办结率", "满意率", "超期"],
            cut.FindAll(".kpi-label").Select(l => l.TextContent));
        var footnote = cut.Find(".kpi-footnote").TextContent;
        Assert.Contains("办结率 = 已办结 / 应结案", footnote, StringComparison.Ordinal);
        Assert.Contains("满意率 = 满意 / 有效回访", footnote, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_situation_shows_zeros_a_dash_and_no_data_yet()
    {
        var cut = Render<KpiTiles>(p => p.Add(x => x.Snapshot, Data.At(Situations.MondayNine)));
        Assert.Equal("0", Value(cut, "total-today"));
        Assert.Equal("—", Value(cut, "closure-rate"));
        Assert.Equal("暂无数据", cut.Find(".data-age").TextContent.Trim());
    }

    [Fact]
    public void Quiet_feed_turns_the_data_age_amber()
    {
        Data.Report("A");
        var fresh = Render<KpiTiles>(p => p.Add(x => x.Snapshot, Data.At(Situations.MondayNine.AddSeconds(20))));
        var quiet = Render<KpiTiles>(p => p.Add(x => x.Snapshot, Data.At(Situations.MondayNine.AddMinutes(30))));

        Assert.DoesNotContain("stale", fresh.Find(".data-age").ClassList);
        Assert.Contains("20秒前", fresh.Find(".data-age").TextContent, StringComparison.Ordinal);
        Assert.Contains("stale", quiet.Find(".data-age").ClassList);
        Assert.Contains("数据延迟", quiet.Find(".data-age").TextContent, StringComparison.Ordinal);
    }

    private static string Value(IRenderedComponent<KpiTiles> cut, string kpi) =>
        cut.Find($"[data-kpi={kpi}] .kpi-value").TextContent.Trim();
}
