using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Simulator;

namespace CommandCenter.Feeds.Tests.Simulator;

public class DistrictSimulatorTests
{
    private static readonly DemoDistrict District = DemoDistrict.Build();

    /// <summary>Monday 2026-11-23 15:00 China time.</summary>
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 15, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Same_seed_and_start_give_the_same_events()
    {
        var a = new DistrictSimulator(District, new SimulatorOptions { Seed = 42 }, Start).Advance(Start.AddMinutes(5));
        var b = new DistrictSimulator(District, new SimulatorOptions { Seed = 42 }, Start).Advance(Start.AddMinutes(5));
        var c = new DistrictSimulator(District, new SimulatorOptions { Seed = 43 }, Start).Advance(Start.AddMinutes(5));

        Assert.Equal(a.Select(e => (e.Id, e.Kind, e.OccurredAt, e.Scope)), b.Select(e => (e.Id, e.Kind, e.OccurredAt, e.Scope)));
        Assert.Equal(a.Select(Content), b.Select(Content));
        Assert.NotEqual(a.Select(Content), c.Select(Content));
    }

    private static string Content(FeedEvent e) => System.Text.Json.JsonSerializer.Serialize(e.Payload, e.Payload.GetType());

    [Fact]
    public void Events_come_in_time_order_with_unique_ids()
    {
        var events = new DistrictSimulator(District, new SimulatorOptions(), Start).Advance(Start.AddMinutes(10));
        Assert.Equal(events.OrderBy(e => e.OccurredAt).Select(e => e.Id), events.Select(e => e.Id));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void Every_generated_event_is_accepted_by_the_projection()
    {
        var simulator = new DistrictSimulator(District, new SimulatorOptions(), Start);
        var projection = new SituationProjection(District.Tree, CategoryCatalog.Standard, SlaPolicy.Default);

        var rejected = simulator.Advance(Start.AddHours(2))
            .Select(e => (e, outcome: projection.Apply(e)))
            .Where(x => x.outcome.Result == ApplyResult.Rejected)
            .Select(x => $"{x.e.Kind}: {x.outcome.Reason}")
            .ToList();

        Assert.Empty(rejected);
    }

    [Fact]
    public void A_backfilled_day_looks_like_a_real_district()
    {
        var options = new SimulatorOptions { OrdersPerDay = 2400, BackfillHours = 24 };
        var events = new DistrictSimulator(District, options, Start).Advance(Start);
        var projection = new SituationProjection(District.Tree, CategoryCatalog.Standard, SlaPolicy.Default);
        foreach (var e in events)
        {
            projection.Apply(e);
        }

        var reported = events.Count(e => e.Kind == FeedEventKind.WorkOrderReported);
        var snapshot = projection.Snapshot(District.Tree.Root.Code, Start);

        Assert.InRange(reported, 2400 * 0.8, 2400 * 1.2);
        Assert.InRange(snapshot.Counts.TotalToday, 800, 2000);
        Assert.True(snapshot.Counts.ClosedToday > snapshot.Counts.InProgress, $"closed {snapshot.Counts.ClosedToday}");
        Assert.InRange(snapshot.Counts.Overdue, 1, snapshot.OpenOrders.Length - 1);
        Assert.True(snapshot.Counts.SupervisedYellow + snapshot.Counts.SupervisedRed > 0);
        Assert.InRange(snapshot.Kpis.ClosureRate.Value!.Value, 0.85, 0.995);
        Assert.Contains(snapshot.OpenOrders, o => o.Urgency == Urgency.Urgent);
        Assert.NotEmpty(snapshot.ActiveAlarms);
        Assert.Equal(7, snapshot.OnDuty.Length);
    }

    [Fact]
    public void Drones_report_once_a_second_and_crowd_every_five_seconds_from_the_start()
    {
        var options = new SimulatorOptions { Drones = 3 };
        var events = new DistrictSimulator(District, options, Start).Advance(Start.AddSeconds(59));

        var telemetry = events.Where(e => e.Kind == FeedEventKind.DroneTelemetry).ToList();
        Assert.Equal(3 * 60, telemetry.Count);
        Assert.All(telemetry, e => Assert.True(e.OccurredAt >= Start));
        Assert.Equal(12, events.Count(e => e.Kind == FeedEventKind.CrowdFrame));
    }

    [Fact]
    public void Speed_multiplies_the_rate_of_reports()
    {
        int Count(double speed) => new DistrictSimulator(District, new SimulatorOptions { Speed = speed, BackfillHours = 0 }, Start)
            .Advance(Start.AddMinutes(30)).Count(e => e.Kind == FeedEventKind.WorkOrderReported);

        Assert.True(Count(20) > 5 * Count(1), $"speed 20: {Count(20)}, speed 1: {Count(1)}");
    }
}
