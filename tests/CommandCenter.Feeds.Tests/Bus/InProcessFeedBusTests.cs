using CommandCenter.Domain.Drones;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Bus;

namespace CommandCenter.Feeds.Tests.Bus;

public class InProcessFeedBusTests
{
    private static readonly JurisdictionCode Scope = JurisdictionCode.From("320505001");
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Every_subscriber_receives_every_event_in_order()
    {
        var bus = new InProcessFeedBus();
        using var wall = bus.Subscribe("wall");
        using var store = bus.Subscribe("store");

        for (var i = 0; i < 100; i++)
        {
            await bus.PublishAsync(Durable(i));
        }

        foreach (var subscription in new[] { wall, store })
        {
            var received = await ReadAll(subscription, 100);
            Assert.Equal(Enumerable.Range(0, 100).Select(i => $"d-{i}"), received.Select(e => e.Id));
        }
    }

    [Fact]
    public async Task Durable_lane_keeps_everything_however_far_a_consumer_falls_behind()
    {
        var bus = new InProcessFeedBus(telemetryCapacity: 10);
        using var slow = bus.Subscribe("slow");

        for (var i = 0; i < 50_000; i++)
        {
            await bus.PublishAsync(Durable(i));
        }

        Assert.Equal(50_000, (await ReadAll(slow, 50_000)).Count);
        Assert.Equal(0, bus.TelemetryDropped);
    }

    [Fact]
    public async Task Telemetry_lane_drops_the_oldest_points_when_full_and_counts_them()
    {
        var bus = new InProcessFeedBus(telemetryCapacity: 10);
        using var slow = bus.Subscribe("slow");

        for (var i = 0; i < 25; i++)
        {
            await bus.PublishAsync(Telemetry(i));
        }

        var received = await ReadAll(slow, 10);
        Assert.Equal(Enumerable.Range(15, 10).Select(i => $"t-{i}"), received.Select(e => e.Id));
        Assert.Equal(15, bus.TelemetryDropped);
    }

    [Fact]
    public async Task Durable_events_come_before_telemetry_in_a_batch()
    {
        var bus = new InProcessFeedBus();
        using var sub = bus.Subscribe("wall");
        await bus.PublishAsync(Telemetry(1));
        await bus.PublishAsync(Durable(1));

        var batch = await sub.ReadBatchAsync(10, CancellationToken.None);

        Assert.Equal(["d-1", "t-1"], batch.Select(e => e.Id));
    }

    [Fact]
    public async Task Read_waits_for_the_next_event()
    {
        var bus = new InProcessFeedBus();
        using var sub = bus.Subscribe("wall");
        var pending = sub.ReadBatchAsync(10, CancellationToken.None).AsTask();
        Assert.False(pending.IsCompleted);

        await bus.PublishAsync(Durable(7));

        Assert.Equal("d-7", Assert.Single(await pending.WaitAsync(TimeSpan.FromSeconds(10))).Id);
    }

    [Fact]
    public async Task Cancelled_read_throws_and_disposed_subscription_gets_nothing_more()
    {
        var bus = new InProcessFeedBus();
        var sub = bus.Subscribe("wall");
        using var cts = new CancellationTokenSource();
        var pending = sub.ReadBatchAsync(10, cts.Token).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);

        sub.Dispose();
        await bus.PublishAsync(Durable(1));
        Assert.Empty(await sub.ReadBatchAsync(10, CancellationToken.None));
    }

    private static async Task<List<FeedEvent>> ReadAll(IFeedSubscription subscription, int count)
    {
        var all = new List<FeedEvent>();
        while (all.Count < count)
        {
            all.AddRange(await subscription.ReadBatchAsync(1000, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        }

        return all;
    }

    private static FeedEvent Durable(int i) => new($"d-{i}", "test", At, Scope,
        new WorkOrderActed(WorkOrderId.From($"W{i}"), WorkOrderAction.Accept, "x"));

    private static FeedEvent Telemetry(int i) => new($"t-{i}", "test", At.AddSeconds(i), Scope,
        new DroneTelemetryReceived(new DroneTrack("UAV-01", new GeoPoint(31.3, 120.5), 100, 0, 5, 80, "巡查", At.AddSeconds(i))));
}
