using CommandCenter.Web.Components.Widgets;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Widgets;

/// <summary>辖区概况: the scope's base statistics from the reference data, and its grid members on duty.</summary>
public class OverviewTests : WidgetTestContext
{
    [Fact]
    public void Shows_the_reference_datas_figures_and_the_grid_members_on_duty()
    {
        Services.AddSingleton(TestReference.Book());
        Data.Projection.UseGridMembers(TestReference.Data.GridMembers);

        var cut = Render<Overview>(p => p.Add(x => x.Snapshot, Data.At(Situations.MondayNine)));

        var items = cut.FindAll(".overview-item").ToDictionary(i => i.QuerySelector("dt")!.TextContent, i => i.QuerySelector("dd")!.TextContent);
        var figures = TestReference.Data.Statistics.Of(Situations.District);
        Assert.Equal("0 / 840", items["网格员在岗"]);
        Assert.Equal($"{figures["人口"] / 10_000:0.#}万", items["人口"]);
        Assert.Equal(figures["小区"].ToString("#,0", System.Globalization.CultureInfo.InvariantCulture), items["小区"]);
        Assert.DoesNotContain("网格员", items.Keys); // shown live, not as the file's count
    }

    [Fact]
    public void Says_so_when_the_reference_data_has_nothing_for_the_scope()
    {
        var cut = Render<Overview>(p => p.Add(x => x.Snapshot, Data.At(Situations.MondayNine)));

        Assert.Equal("参考数据中无本辖区基础数据", cut.Find(".empty").TextContent);
    }
}
