using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.Sla;
using CommandCenter.Feeds.Simulator;
using CommandCenter.Web.Live;
using CommandCenter.Web.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Host;

public sealed class RestartTests : IDisposable
{
    /// <summary>Monday 2026-11-23 15:00 China time; both runs see the same clock, so ages and lights compare exactly.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 0, TimeSpan.FromHours(8));

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"cc-restart-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_restarted_embedded_app_shows_the_same_wall()
    {
        var options = new SimulatorOptions { BackfillHours = 6 };
        // As the running simulator publishes them: through the feeds' adapters.
        var expectedEvents = new SimulatedFeeds(TestReference.Book(), new Feeds.Ingest.IngestOptions(), new FakeTimeProvider(Now))
            .Normalise(new DistrictSimulator(TestReference.District, options, Now).Advance(Now)).ToList();
        var durable = expectedEvents.Count(e => e.Lane == FeedLane.Durable);

        SituationSnapshot before;
        await using (var first = App(simulator: true))
        {
            var services = await first.ReadyAsync();
            var projector = services.GetRequiredService<LogProjector>();
            await projector.WaitForAsync(() => projector.Projected >= durable + 1, TimeSpan.FromSeconds(60)); // with the first start's reference data
            before = Expected(expectedEvents);
        }

        await using var second = App(simulator: false);
        var after = (await second.ReadyAsync()).GetRequiredService<LiveSituation>().Snapshot(before.Scope);

        Assert.True(before.Counts.TotalToday > 100, $"only {before.Counts.TotalToday} orders today");
        Assert.Equal(before.Counts, after.Counts);
        Assert.Equal(before.Kpis, after.Kpis);
        Assert.Equal(before.OpenOrders.AsEnumerable(), after.OpenOrders.AsEnumerable());
        Assert.Equal(before.ActiveAlarms.AsEnumerable(), after.ActiveAlarms.AsEnumerable());
        Assert.Equal(before.OnDuty.Select(s => s.Id), after.OnDuty.Select(s => s.Id));
    }

    public void Dispose()
    {
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_database) + "*"))
        {
            File.Delete(file);
        }
    }

    private static SituationSnapshot Expected(IEnumerable<FeedEvent> events)
    {
        var district = TestReference.District;
        var projection = new SituationProjection(district.Tree, TestReference.Data.Categories, TestReference.Data.Sla);
        foreach (var e in events)
        {
            projection.Apply(e);
        }

        return projection.Snapshot(district.Tree.Root.Code, Now);
    }

    private WallHostFactory App(bool simulator)
    {
        var factory = new FrozenClockFactory { SqlitePath = _database, Simulator = simulator };
        return factory;
    }

    /// <summary>The app on a frozen clock: the simulator emits its backfill at start and nothing after.</summary>
    private sealed class FrozenClockFactory : WallHostFactory
    {
        public bool Simulator { get; init; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Simulator:Enabled", Simulator ? "true" : "false");
            builder.UseSetting("Simulator:BackfillHours", "6");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));
        }
    }
}
