using CommandCenter.Web.Components.Widgets;

namespace CommandCenter.Web.Tests.Widgets;

public class WallClockTests : WidgetTestContext
{
    [Fact]
    public void Shows_beijing_time_and_ticks_with_the_clock()
    {
        var cut = Render<WallClock>();
        Assert.Equal("09:00:00", cut.Find(".clock-time").TextContent);
        Assert.Equal("2026年11月23日 星期一", cut.Find(".clock-date").TextContent);

        Clock.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Equal("09:00:01", cut.Find(".clock-time").TextContent));
    }
}
