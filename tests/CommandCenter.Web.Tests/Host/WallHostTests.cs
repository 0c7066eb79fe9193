using System.Net;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Bus;
using CommandCenter.Feeds.Simulator;
using CommandCenter.Web.Live;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Host;

public sealed class WallHostTests : IClassFixture<WallHostFactory>
{
    private readonly WallHostFactory _factory;

    public WallHostTests(WallHostFactory factory) => _factory = factory;

    [Fact]
    public async Task Healthz_answers_200_once_started()
    {
        await _factory.ReadyAsync();
        using var client = _factory.CreateClient();
        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Healthy, unless the run falls in a month when the shipped calendar does not cover the year ahead (CalendarHealthTests).
        var gaps = Domain.Sla.CalendarCoverage.Gaps(TestReference.Data.CalendarDays.Select(d => d.Date.Year),
            TestReference.Data.Sla.Calendar.LocalDate(DateTimeOffset.UtcNow));
        Assert.Equal(gaps.Count == 0 ? "Healthy" : string.Join('\n', ["Degraded", .. gaps.Select(g => "calendar: " + g)]),
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Root_sends_a_visitor_to_sign_in_and_a_user_to_their_own_wall()
    {
        await _factory.ReadyAsync();
        using var anonymous = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal("/login", (await anonymous.GetAsync(new Uri("/", UriKind.Relative))).Headers.Location?.OriginalString);

        using var commander = await _factory.SignedInAsync("commander");
        Assert.Equal("/wall/district-command", (await commander.GetAsync(new Uri("/", UriKind.Relative))).Headers.Location?.OriginalString);
        using var operatorA = await _factory.SignedInAsync("op-shishan");
        Assert.Equal("/wall/street-shishan", (await operatorA.GetAsync(new Uri("/", UriKind.Relative))).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Wall_page_shows_an_event_published_on_the_bus()
    {
        var services = await _factory.ReadyAsync();
        var district = services.GetRequiredService<DemoDistrict>();
        var signal = services.GetRequiredService<WallSignal>();
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = signal.Subscribe(() =>
        {
            changed.TrySetResult();
            return Task.CompletedTask;
        });
        var grid = district.Communities[0].Grids[0];
        var report = new WorkOrderReport(WorkOrderId.From("HOST-TEST-1"), WorkOrderKind.Complaint, WorkOrderSource.Hotline12345,
            Domain.Categories.CategoryCode.From("06028"), Urgency.Urgent, "工地夜间施工噪声扰民", grid);

        await services.GetRequiredService<IFeedBus>().PublishAsync(
            new FeedEvent("host-test-1", "test", services.GetRequiredService<TimeProvider>().GetUtcNow(), grid, new WorkOrderReported(report)));
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        using var client = await _factory.SignedInAsync("commander");
        var html = await client.GetStringAsync(new Uri("/wall/district-command", UriKind.Relative));
        Assert.Contains("虎丘区社会治理联动指挥中心", html, StringComparison.Ordinal);
        Assert.Contains("工地夜间施工噪声扰民", html, StringComparison.Ordinal);
        Assert.Contains(district.Communities[0].Name, html, StringComparison.Ordinal);
        Assert.Contains("今日受理", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_wall_explains_itself_and_lists_the_layouts()
    {
        await _factory.ReadyAsync();
        using var client = await _factory.SignedInAsync("commander");
        var html = await client.GetStringAsync(new Uri("/wall/no-such-wall", UriKind.Relative));
        Assert.Contains("无法显示大屏", html, StringComparison.Ordinal);
        Assert.Contains("no layout &#x27;no-such-wall&#x27;", html, StringComparison.Ordinal);
        Assert.Contains("wall/district-command", html, StringComparison.Ordinal);
    }
}

public sealed class BrokenLayoutHostTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-host-layouts-").FullName;

    public BrokenLayoutHostTests()
    {
        foreach (var file in Directory.GetFiles(TestLayouts.Folder))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(_folder, "broken.json"), "{ not json");
    }

    [Fact]
    public async Task Broken_layout_file_shows_its_problem_instead_of_an_error_page()
    {
        await using var factory = new WallHostFactory { LayoutsPath = _folder };
        await factory.ReadyAsync();
        using var client = await factory.SignedInAsync("commander");
        var html = await client.GetStringAsync(new Uri("/wall/broken", UriKind.Relative));
        Assert.Contains("broken.json:", html, StringComparison.Ordinal);
        Assert.Contains("无法显示大屏", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_layouts_folder_stops_start_up_with_the_setting_named()
    {
        using var factory = new WallHostFactory { LayoutsPath = Path.Combine(_folder, "missing") };
        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Wall:LayoutsPath", ex.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
