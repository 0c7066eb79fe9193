using CommandCenter.Domain.Alarms;
using CommandCenter.Web.Components.Widgets;

namespace CommandCenter.Web.Tests.Widgets;

public class AlarmTickerTests : WidgetTestContext
{
    [Fact]
    public void Active_alarms_newest_first_with_severity_kind_and_repeat_count()
    {
        var t = Situations.MondayNine;
        Data.Alarm("lift-1", AlarmKind.ElevatorEBike, AlarmSeverity.Minor, "3号楼电梯", t)
            .Alarm("smoke-1", AlarmKind.Smoke, AlarmSeverity.Critical, "5号楼烟感", t.AddMinutes(1))
            .Alarm("lift-1", AlarmKind.ElevatorEBike, AlarmSeverity.Minor, "3号楼电梯再次进梯", t.AddMinutes(2));

        var cut = Render<AlarmTicker>(p => p.Add(x => x.Snapshot, Data.At(t.AddMinutes(3))));

        var items = cut.FindAll("li.alarm");
        Assert.Equal(2, items.Count);
        Assert.Contains("电动车进电梯", items[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("×2", items[0].QuerySelector(".repeat")!.TextContent);
        Assert.Contains("critical", items[1].ClassList);
        Assert.Equal("紧急", items[1].QuerySelector(".severity")!.TextContent);
        Assert.Equal("2", cut.Find("[data-alarm-count]").TextContent);
    }

    [Fact]
    public void No_alarms_says_so() =>
        Assert.Equal("暂无活动告警", Render<AlarmTicker>(p => p.Add(x => x.Snapshot, Data.At(Situations.MondayNine))).Find(".empty").TextContent);
}
