using System.Security.Claims;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Security;
using CommandCenter.Web.Security;
using CommandCenter.Web.Storage;
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
        _live = new LiveSituation(TestReference.BookWith(Data.Tree), Clock);
        _signal = new WallSignal(Clock);
        Services.AddSingleton(_live);
        Services.AddSingleton(_signal);
        Services.AddScoped<CircuitPresence>();
        Services.AddSingleton(new WallLayoutCatalog(Options.Create(new WallOptions { LayoutsPath = TestLayouts.Folder })));
        Services.AddLogging();
        Services.AddSingleton(TestReference.Book());
        JSInterop.Mode = JSRuntimeMode.Loose; // the map widget's Leaflet module; its own tests check what it is sent
        _store = new Storage.StoreSet(new SqliteDatabase(Path.Combine(Path.GetTempPath(), $"cc-wallpage-{Guid.NewGuid():N}.db"), Clock));
        Services.AddSingleton(_store.Audit);
        Services.AddSingleton<ScopeGuard>();
        Services.AddSingleton(new ServerSessions(_store.Sessions, Clock, Options.Create(new SecurityOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ServerSessions>.Instance));
        var auth = AddAuthorization();
        auth.SetAuthorized("commander");
        auth.SetRoles(nameof(Role.Commander));
        auth.SetClaims(new Claim(CenterUser.JurisdictionClaim, "320505"), new Claim(ClaimTypes.NameIdentifier, "commander"));
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private readonly Storage.StoreSet _store;

    public async Task InitializeAsync()
    {
        await _store.MigrateAsync(CancellationToken.None);
        _loop = _signal.RunAsync(_stop.Token);
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
        Assert.Equal(["clock", "kpi-tiles", "incident-list", "overview", "incident-map", "duty-officers", "alarm-ticker"],
            cut.FindAll("section.widget").Select(s => s.GetAttribute("data-widget")));
        Assert.Contains("grid-column: 1 / span 4", cut.Find("[data-widget=incident-list]").GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("grid-column: 5 / span 5", cut.Find("[data-widget=incident-map]").GetAttribute("style"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wall_whose_browser_is_away_is_not_signalled_and_renders_when_it_comes_back()
    {
        var cut = Render<Wall>(p => p.Add(x => x.LayoutId, "district-command"));
        cut.WaitForState(() => _signal.SubscriberCount == 1);
        var presence = cut.Services.GetRequiredService<CircuitPresence>();

        await presence.SetAsync(false);
        Assert.Equal(0, _signal.SubscriberCount);
        var rendersAway = cut.RenderCount;

        await presence.SetAsync(true);
        cut.WaitForState(() => cut.RenderCount > rendersAway); // what changed while away, rendered on its return
        Assert.Equal(1, _signal.SubscriberCount);
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
    public void A_refresh_reports_the_CPU_its_render_took()
    {
        var measured = new System.Collections.Concurrent.ConcurrentBag<double>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument == Feeds.Telemetry.CenterMetrics.RenderCpu)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => measured.Add(value));
        listener.Start();
        var cut = Render<Wall>(p => p.Add(x => x.LayoutId, "district-command"));
        cut.WaitForState(() => _signal.SubscriberCount == 1);

        _live.Apply(Reports(300));
        _signal.Raise();

        cut.WaitForAssertion(() => Assert.Equal("300", cut.Find("[data-kpi=total-today] .kpi-value").TextContent.Trim()));
        // A snapshot and a render of 300 orders take some CPU on the rendering thread; none is negative.
        Assert.Contains(measured, v => v > 0);
        Assert.DoesNotContain(measured, v => v < 0);
    }

    [Fact]
    public void While_the_bus_is_down_the_wall_says_its_data_may_be_behind()
    {
        var cut = Render<Wall>(p => p.Add(x => x.LayoutId, "district-command"));
        Assert.Empty(cut.FindAll(".feed-delayed"));

        var down = true;
        _live.TrackFeed(() => down);
        cut.Render();
        Assert.Contains("数据通道中断", cut.Find(".feed-delayed").TextContent, StringComparison.Ordinal);

        down = false;
        cut.Render();
        Assert.Empty(cut.FindAll(".feed-delayed"));
    }

    [Fact]
    public void A_commander_of_the_district_sees_a_street_wall_too()
    {
        var cut = Render<Wall>(p => p.Add(x => x.LayoutId, "street-shishan"));
        Assert.Equal("狮山横塘街道联动分中心", cut.Find(".wall-title").TextContent);
        Assert.Contains("退出", cut.Find("form.sign-out").TextContent, StringComparison.Ordinal);
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
