using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Components.Widgets;

namespace CommandCenter.Web.Tests.Widgets;

public class IncidentListTests : WidgetTestContext
{
    [Fact]
    public void Newest_first_with_urgency_light_age_category_and_street()
    {
        var t = Situations.MondayNine;
        Data.Report("OLD", title: "旧工单", at: t).Report("NEW", Urgency.Urgent, "电梯困人", t.AddMinutes(20));

        var cut = Render<IncidentList>(p => p.Add(x => x.Snapshot, Data.At(t.AddMinutes(29))));

        var rows = cut.FindAll("tr.incident");
        Assert.Equal(["NEW", "OLD"], rows.Select(r => r.GetAttribute("data-order")));
        Assert.Contains("urgent", rows[0].ClassList);
        Assert.Equal("急", rows[0].QuerySelector(".urgency")!.TextContent);
        Assert.Contains("电梯困人", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("暴露垃圾", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("狮山街道 · 金色社区", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("9分钟", rows[0].QuerySelector(".age")!.TextContent);
        // Urgent dispatch limit is 10 minutes: 9 used is yellow. The normal order has used 29 of 30 minutes: yellow.
        Assert.Contains("yellow", rows[0].QuerySelector(".sla-light")!.ClassList);
        Assert.Equal("29分钟", rows[1].QuerySelector(".age")!.TextContent);
    }

    [Fact]
    public void Shows_only_as_many_rows_as_fit_and_counts_the_rest()
    {
        for (var i = 0; i < 5; i++)
        {
            Data.Report($"W{i}", at: Situations.MondayNine.AddMinutes(i));
        }

        var cut = Render<IncidentList>(p => p.Add(x => x.Snapshot, Data.At(Situations.MondayNine.AddMinutes(6))).Add(x => x.Rows, 3));

        Assert.Equal(3, cut.FindAll("tr.incident").Count);
        Assert.Contains("另有 2 件在办", cut.Find(".more").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Supervised_order_carries_its_card()
    {
        Data.Report("S").Act("S", WorkOrderAction.Supervise, Situations.MondayNine.AddMinutes(1), level: Supervision.Red);
        var cut = Render<IncidentList>(p => p.Add(x => x.Snapshot, Data.At(Situations.MondayNine.AddMinutes(2))));
        Assert.Equal("红牌", cut.Find(".supervision").TextContent);
    }

    [Fact]
    public void No_open_orders_says_so()
    {
        var cut = Render<IncidentList>(p => p.Add(x => x.Snapshot, Data.At(Situations.MondayNine)));
        Assert.Equal("暂无在办工单", cut.Find(".empty").TextContent);
    }
}
