using CommandCenter.Web.Components.Widgets;

namespace CommandCenter.Web.Tests.Widgets;

public class DutyOfficersTests : WidgetTestContext
{
    [Fact]
    public void Shows_the_shift_leaders_and_phones_on_duty_now()
    {
        Data.Shift("d", Situations.District, "张伟", "0512-68251234").Shift("s", Situations.StreetA, "李娜", "139 1234 5678");

        var cut = Render<DutyOfficers>(p => p.Add(x => x.Snapshot, Data.At(Situations.MondayNine)));

        var rows = cut.FindAll("li.duty");
        Assert.Equal(2, rows.Count);
        Assert.Equal(("区指挥中心", "张伟", "0512-68251234"), (rows[0].QuerySelector(".duty-scope")!.TextContent,
            rows[0].QuerySelector(".duty-leader")!.TextContent, rows[0].QuerySelector(".duty-phone")!.TextContent));
        Assert.Contains("own", rows[0].ClassList);
        Assert.Equal("狮山街道", rows[1].QuerySelector(".duty-scope")!.TextContent);
        Assert.Equal("08:00–17:00", rows[1].QuerySelector(".duty-hours")!.TextContent);
        Assert.NotNull(rows[0].QuerySelector(".duty-members"));
        Assert.Null(rows[1].QuerySelector(".duty-members"));
    }

    [Fact]
    public void Nobody_on_duty_is_said_plainly()
    {
        Data.Shift("d", Situations.District, "张伟", "0512-68251234");
        var cut = Render<DutyOfficers>(p => p.Add(x => x.Snapshot, Data.At(Situations.MondayNine.AddHours(9))));
        Assert.Equal("当前无值班安排", cut.Find(".empty").TextContent);
    }
}
