using CommandCenter.Domain.Events;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Components.Pages;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Widgets;
using CommandCenter.Web.Walls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Tests.Walls;

public sealed class WallPageTests : WidgetTestContext, IAsyncLifetime
{
    private readonly LiveSituation _live;
    private readonly WallSignal _signal;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public WallPageTests()
    {
        Clock.SetUtcNow(Situations.MondayNine);
        _live = new LiveSituation(Data.Tree, SlaPolicy.Default, Clock);
        _signal = new WallSignal(Clock);
        Services.AddSingleton(_live);
        Services.AddSingleton(_signal);
        Services.AddSingleton(new WallLayoutCatalog(Options.Create(new WallOptions { LayoutsPath = TestLayouts.Folder })));
        Services.AddLogging();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync()
    {
        _loop = _signal.RunAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public new async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _loop);
        await base.DisposeAsync();
    }

    [Fact]
    public void Renders_every_widget_of_the_layout_on_its_grid()
    {
        var cut = Render<Wall>(p => p.Add(x => x.LayoutId, "district-command"));

        Assert.Equal("虎丘区社会治理联动指挥中心", cut.Find(".wall-title").TextContent);
        Assert.Equal(["clock", "kpi-tiles", "incident-list", "duty-officers", "alarm-ticker"],
            cut.FindAll("section.widget").Select(s => s.GetAttribute("data-widget")));
        Assert.Contains("grid-column: 1 / span 8", cut.Find("[data-widget=incident-list]").GetAttribute("style"), StringComparison.Ordinal);
    }

    [Fact]
    public void Many_events_in_one_interval_re_render_the_wall_once()
    {
        var cut = Render<Wall>(p => p.Add(x => x.LayoutId, "district-command"));
        cut.WaitForState(() => _signal.SubscriberCount == 1);
        var rendersBefore = cut.RenderCount;

        _live.Apply(Reports(300));
        for (var i = 0; i < 300; i++)
        {
            _signal.Raise();
        }

        cut.WaitForAssertion(() => Assert.Equal("300", cut.Find("[data-kpi=total-today] .kpi-value").TextContent.Trim()));
        Assert.Equal(rendersBefore + 1, cut.RenderCount);
    }

    [Fact]
    public void Unknown_layout_names_the_problem_and_offers_the_available_ones()
    {
        var cut = Render<Wall>(p => p.Add(x => x.LayoutId, "nope"));
        Assert.Contains("no layout 'nope'", cut.Find(".wall-problem li").TextContent, StringComparison.Ordinal);
        Assert.Contains(cut.FindAll("a.layout-link"), a => a.TextContent == "district-command");
    }

    private static List<FeedEvent> Reports(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => new FeedEvent($"r{i}", "test", Situations.MondayNine, Situations.GridA,
            new WorkOrderReported(new WorkOrderReport(WorkOrderId.From($"L{i}"), WorkOrderKind.Report, WorkOrderSource.GridPatrol,
                Domain.Categories.CategoryCode.From("06010"), Urgency.Normal, "测试工单", Situations.GridA)))),
    ];
}
