using CommandCenter.Domain.Drones;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Bus;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CommandCenter.Feeds.Tests.Bus;

/// <summary>
/// The Redis Streams bus against the real redis-server that ./test.sh starts (CC_TEST_REDIS). Each test uses its
/// own key prefix. Without the server these tests fail, never skip.
/// </summary>
public sealed class RedisFeedBusTests : IAsyncLifetime
{
    private static readonly JurisdictionCode Scope = JurisdictionCode.From("320505001");
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly string _prefix = $"cc-test-{Guid.NewGuid():N}";
    private ConnectionMultiplexer _redis = default!;

    public async Task InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable("CC_TEST_REDIS")
            ?? throw new InvalidOperationException("CC_TEST_REDIS is not set: run the tests through ./test.sh, which starts Redis");
        _redis = await ConnectionMultiplexer.ConnectAsync(server);
    }

    public async Task DisposeAsync()
    {
        var keys = new RedisKeys(_prefix);
        await _redis.GetDatabase().KeyDeleteAsync([keys.Durable, keys.Telemetry, keys.DeadLetters]);
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Two_nodes_of_a_shared_consumer_split_the_events_and_each_is_handled_once()
    {
        var bus = Bus();
        using var node1 = Bus(node: "node-1").Subscribe("persister", FeedConsumerMode.Shared);
        using var node2 = Bus(node: "node-2").Subscribe("persister", FeedConsumerMode.Shared);
        for (var i = 0; i < 100; i++)
        {
            await bus.PublishAsync(Durable(i));
        }

        var seen = new System.Collections.Concurrent.ConcurrentBag<(string Node, string Id)>();
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        async Task Work(IFeedSubscription node, string name)
        {
            try
            {
                while (seen.Count < 100)
                {
                    var batch = await node.ReadBatchAsync(7, done.Token);
                    foreach (var e in batch)
                    {
                        seen.Add((name, e.Id));
                    }

                    await node.AcknowledgeAsync(batch, CancellationToken.None);
                    if (seen.Count >= 100)
                    {
                        await done.CancelAsync();
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        await Task.WhenAll(Work(node1, "node-1"), Work(node2, "node-2"));

        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"d-{i}").Order(), seen.Select(s => s.Id).Order());
        Assert.Equal(2, seen.Select(s => s.Node).Distinct().Count());
        var pending = await _redis.GetDatabase().StreamPendingAsync(bus.Keys.Durable, RedisKeys.Group("persister"));
        Assert.Equal(0, pending.PendingMessageCount);
    }

    [Fact]
    public async Task Events_a_dead_consumer_never_acknowledged_are_claimed_by_another()
    {
        var bus = Bus();
        using var dying = Bus(node: "dying").Subscribe("persister", FeedConsumerMode.Shared);
        using var living = Bus(node: "living").Subscribe("persister", FeedConsumerMode.Shared);
        for (var i = 0; i < 5; i++)
        {
            await bus.PublishAsync(Durable(i));
        }

        Assert.Equal(5, (await dying.ReadBatchAsync(10, CancellationToken.None)).Count); // read, then never acknowledged

        var claimed = await living.ReadBatchAsync(10, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"d-{i}"), claimed.Select(e => e.Id));
    }

    [Fact]
    public async Task A_poison_entry_is_dead_lettered_with_its_reason_and_the_consumer_goes_on()
    {
        var bus = Bus();
        using var consumer = bus.Subscribe("persister", FeedConsumerMode.Shared);
        await _redis.GetDatabase().StreamAddAsync(bus.Keys.Durable, [new NameValueEntry("event", "{ \"id\": \"x\", \"kind\": \"nonsense\" }")]);
        await bus.PublishAsync(Durable(1));

        var batch = await consumer.ReadBatchAsync(10, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["d-1"], batch.Select(e => e.Id));
        var (reason, raw, stream) = Assert.Single(await bus.DeadLettersAsync(10));
        Assert.Contains("kind: unknown event kind 'nonsense'", reason, StringComparison.Ordinal);
        Assert.Contains("nonsense", raw, StringComparison.Ordinal);
        Assert.Equal(bus.Keys.Durable, stream);
    }

    [Fact]
    public async Task An_entry_delivered_too_often_is_dead_lettered()
    {
        var bus = Bus(maxDeliveries: 1);
        using var first = Bus(node: "first", maxDeliveries: 1).Subscribe("persister", FeedConsumerMode.Shared);
        await bus.PublishAsync(Durable(1));
        Assert.Single(await first.ReadBatchAsync(10, CancellationToken.None)); // delivered once, never acknowledged
        await bus.PublishAsync(Durable(2));

        // Claimable at once: the second consumer claims d-1 (a second delivery, over the limit) and reads d-2.
        using var second = Bus(node: "second", maxDeliveries: 1, claimAfterSeconds: 0).Subscribe("persister", FeedConsumerMode.Shared);
        var got = await second.ReadBatchAsync(10, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(["d-2"], got.Select(e => e.Id));
        Assert.Contains("delivered 2 times", (await bus.DeadLettersAsync(10))[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_redis_loses_the_streams_the_group_is_recreated_and_events_flow_again()
    {
        var bus = Bus();
        using var consumer = bus.Subscribe("persister", FeedConsumerMode.Shared);
        await bus.PublishAsync(Durable(1));
        await consumer.AcknowledgeAsync(await consumer.ReadBatchAsync(10, CancellationToken.None), CancellationToken.None);

        await _redis.GetDatabase().KeyDeleteAsync([bus.Keys.Durable, bus.Keys.Telemetry]); // as a restarted, empty Redis
        var reading = consumer.ReadBatchAsync(10, CancellationToken.None).AsTask();
        await Task.Yield();
        await bus.PublishAsync(Durable(2));

        var batch = await reading.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(["d-2"], batch.Select(e => e.Id));
    }

    [Fact]
    public async Task Every_tail_consumer_sees_everything_published_after_it_subscribed()
    {
        var bus = Bus();
        await bus.PublishAsync(Durable(0));
        using var wallA = bus.Subscribe("wall-projection");
        using var wallB = Bus(node: "other").Subscribe("wall-projection");
        await bus.PublishAsync(Durable(1));
        await bus.PublishAsync(Telemetry(1));

        foreach (var wall in new[] { wallA, wallB })
        {
            var batch = await wall.ReadBatchAsync(10, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(["d-1", "t-1"], batch.Select(e => e.Id));
        }
    }

    [Fact]
    public async Task The_telemetry_stream_is_capped_and_the_durable_one_is_not()
    {
        var bus = Bus(telemetryMaxLength: 100);
        for (var i = 0; i < 2000; i++)
        {
            await bus.PublishAsync(Telemetry(i));
        }

        for (var i = 0; i < 500; i++)
        {
            await bus.PublishAsync(Durable(i));
        }

        Assert.InRange(await _redis.GetDatabase().StreamLengthAsync(bus.Keys.Telemetry), 100, 300);
        Assert.Equal(500, await _redis.GetDatabase().StreamLengthAsync(bus.Keys.Durable));
    }

    [Fact]
    public async Task A_node_starts_and_waits_calmly_while_redis_is_down()
    {
        var options = ConfigurationOptions.Parse("127.0.0.1:1");
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 500;
        await using var unreachable = await ConnectionMultiplexer.ConnectAsync(options);
        var bus = new RedisFeedBus(unreachable, Options.Create(new RedisBusOptions { Prefix = _prefix, PollMilliseconds = 20 }),
            TimeProvider.System, NullLogger<RedisFeedBus>.Instance);

        using var shared = bus.Subscribe("persister", FeedConsumerMode.Shared);
        using var tail = bus.Subscribe("wall-projection");
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        Assert.False(shared.Delayed);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => shared.ReadBatchAsync(10, patience.Token).AsTask());
        Assert.True(shared.Delayed);
        await Assert.ThrowsAnyAsync<RedisException>(() => bus.PublishAsync(Durable(1)).AsTask());
    }

    private RedisFeedBus Bus(string node = "node", int maxDeliveries = 5, int telemetryMaxLength = 10_000, int claimAfterSeconds = 1,
        int retentionMinutes = 0) =>
        new(_redis, Options.Create(new RedisBusOptions
        {
            Prefix = _prefix, Node = node, ClaimAfterSeconds = claimAfterSeconds, MaxDeliveries = maxDeliveries, PollMilliseconds = 20,
            TelemetryMaxLength = telemetryMaxLength, DurableRetentionMinutes = retentionMinutes,
        }), TimeProvider.System, NullLogger<RedisFeedBus>.Instance);

    [Fact]
    public async Task The_lag_of_each_consumer_group_counts_what_it_has_not_read_and_what_it_has_not_acknowledged()
    {
        var bus = Bus();
        for (var i = 0; i < 10; i++)
        {
            await bus.PublishAsync(Durable(i));
        }

        using var persister = bus.Subscribe("persister", FeedConsumerMode.Shared);
        using var archive = bus.Subscribe("archive", FeedConsumerMode.Shared);
        var batch = await persister.ReadBatchAsync(10, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await persister.AcknowledgeAsync([.. batch.Take(6)], CancellationToken.None);

        var lag = (await new BusLagReporter(bus, NullLogger<BusLagReporter>.Instance).ReadAsync())
            .Where(m => m.Tags.ToArray().Contains(new("lane", "durable")))
            .ToDictionary(m => (string)m.Tags.ToArray().Single(t => t.Key == "group").Value!, m => m.Value);

        Assert.Equal(4, lag["group:persister"]); // read, 4 not acknowledged
        Assert.Equal(10, lag["group:archive"]);  // nothing read yet
    }

    [Fact]
    public async Task The_durable_stream_is_trimmed_only_below_what_every_group_has_acknowledged()
    {
        var bus = Bus();
        var trimmer = new DurableStreamTrimmer(bus, NullLogger<DurableStreamTrimmer>.Instance);
        for (var i = 0; i < 10; i++)
        {
            await bus.PublishAsync(Durable(i));
        }

        Assert.Equal(0, await trimmer.TrimAsync()); // no group has stored anything yet
        using var persister = bus.Subscribe("persister", FeedConsumerMode.Shared);
        using var archive = bus.Subscribe("archive", FeedConsumerMode.Shared);
        var batch = await persister.ReadBatchAsync(10, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(10, batch.Count);
        await persister.AcknowledgeAsync([.. batch.Take(6)], CancellationToken.None);

        Assert.Equal(0, await trimmer.TrimAsync()); // the archive group has read nothing

        var archived = await archive.ReadBatchAsync(10, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await archive.AcknowledgeAsync(archived, CancellationToken.None);

        Assert.Equal(6, await trimmer.TrimAsync()); // the persister still holds 4 unacknowledged
        var left = await _redis.GetDatabase().StreamRangeAsync(bus.Keys.Durable);
        Assert.Equal(["d-6", "d-7", "d-8", "d-9"], left.Select(e => RedisFeedBus.Parse(e).Event!.Id));
    }

    [Fact]
    public async Task Stored_entries_stay_in_the_durable_stream_for_the_retention_window()
    {
        var bus = Bus(retentionMinutes: 60);
        for (var i = 0; i < 5; i++)
        {
            await bus.PublishAsync(Durable(i));
        }

        using var persister = bus.Subscribe("persister", FeedConsumerMode.Shared);
        var batch = await persister.ReadBatchAsync(10, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await persister.AcknowledgeAsync(batch, CancellationToken.None);

        Assert.Equal(0, await new DurableStreamTrimmer(bus, NullLogger<DurableStreamTrimmer>.Instance).TrimAsync());
        Assert.Equal(5, await _redis.GetDatabase().StreamLengthAsync(bus.Keys.Durable));
    }

    private static FeedEvent Durable(int i) => new($"d-{i}", "test", At, Scope,
        new WorkOrderActed(WorkOrderId.From($"W{i}"), WorkOrderAction.Accept, "x"));

    private static FeedEvent Telemetry(int i) => new($"t-{i}", "test", At.AddSeconds(i), Scope,
        new DroneTelemetryReceived(new DroneTrack("UAV-01", new GeoPoint(31.3, 120.5), 100, 0, 5, 80, "巡查", At.AddSeconds(i))));
}
