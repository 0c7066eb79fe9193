using CommandCenter.Feeds.Reference;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Sla;
using CommandCenter.Feeds.Bus;
using CommandCenter.Feeds.Simulator;
using CommandCenter.Web.Storage;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Tests.Storage;

public sealed class PostgresOutageTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Killing_postgres_under_the_in_process_bus_refuses_what_it_cannot_log_and_loses_nothing_it_accepted()
    {
        await using var server = await PrivatePostgres.StartAsync();
        var district = TestReference.District;
        await using var store = TestDatabases.Postgres(server.ConnectionString, TimeProvider.System);
        using var gate = new StoreGate(store.Migrations, store.Log, TestReference.Book(), NoReferenceMirror.Instance, TimeProvider.System, NullLogger<StoreGate>.Instance);
        await gate.StartAsync(CancellationToken.None);
        await using var bus = new LoggedFeedBus(new StoreFeedLog(store.Log, store.Database, gate), NullLogger<LoggedFeedBus>.Instance);
        using var projector = new LogProjector(store.Log, store.Tables, new CommittedLogFrontier(bus), gate, TestReference.Book(), TimeProvider.System,
            Options.Create(new StoreOptions { BatchSize = 200 }), NullLogger<LogProjector>.Instance);
        await projector.StartAsync(CancellationToken.None);

        var events = new DistrictSimulator(district, new SimulatorOptions { BackfillHours = 3, Speed = 3 }, Start).Advance(Start);
        var durable = events.Where(e => e.Lane == FeedLane.Durable).ToList();
        var waves = events.Chunk(events.Count / 3 + 1).ToList();

        await PublishAsync(bus, waves[0]);
        await server.KillAsync();
        // While the log cannot be written nothing is accepted: the source is told so and keeps the event.
        await Assert.ThrowsAsync<FeedLogUnavailableException>(async () => await bus.PublishAsync(waves[1][0]));
        await server.StartServerAsync();
        await PublishWithRetryAsync(bus, waves[1]);
        await PublishAsync(bus, waves[2]);
        await PublishAsync(bus, waves[0].Take(500)); // a resend, as a source that timed out may make
        await projector.WaitForAsync(() => projector.ProjectedUpTo >= bus.CommittedPosition && !projector.StoreDown, TimeSpan.FromSeconds(120));
        await projector.StopAsync(CancellationToken.None);

        await using var connection = await store.OpenAsync(CancellationToken.None);
        Assert.Equal(durable.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM feed_events WHERE source <> 'reference'"));
        Assert.Equal(durable.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT (source, event_id)) FROM feed_events WHERE source <> 'reference'"));
        Assert.Equal(events.Count(e => e.Kind == FeedEventKind.WorkOrderReported),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_orders"));
        Assert.Equal(durable.Count(e => e.Kind is FeedEventKind.WorkOrderReported or FeedEventKind.WorkOrderActed),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_order_timeline"));
        Assert.Equal(await connection.ExecuteScalarAsync<long>("SELECT MAX(seq) FROM feed_events"),
            await connection.ExecuteScalarAsync<long>("SELECT position FROM projection_marks WHERE name = 'tables'"));
    }

    [Fact]
    public async Task Killing_postgres_under_the_redis_bus_loses_nothing_and_stores_nothing_twice()
    {
        await using var server = await PrivatePostgres.StartAsync();
        var district = TestReference.District;
        await using var store = TestDatabases.Postgres(server.ConnectionString, TimeProvider.System);
        using var gate = new StoreGate(store.Migrations, store.Log, TestReference.Book(), NoReferenceMirror.Instance, TimeProvider.System, NullLogger<StoreGate>.Instance);
        await gate.StartAsync(CancellationToken.None);
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Environment.GetEnvironmentVariable("CC_TEST_REDIS")
                ?? throw new InvalidOperationException("CC_TEST_REDIS is not set: run the tests through ./test.sh"));
        var redisBus = new RedisFeedBus(redis, Options.Create(new RedisBusOptions { Prefix = $"cc-outage-{Guid.NewGuid():N}", PollMilliseconds = 20 }),
                TimeProvider.System, NullLogger<RedisFeedBus>.Instance);
        IFeedBus bus = redisBus;
        using var persister = new Persister(bus, store.Log, store.Database, gate, TimeProvider.System,
            Options.Create(new StoreOptions { BatchSize = 200 }), NullLogger<Persister>.Instance);
        using var projector = new LogProjector(store.Log, store.Tables, new RedisLogFrontier(redisBus, Persister.Group), gate, TestReference.Book(),
            TimeProvider.System, Options.Create(new StoreOptions()), NullLogger<LogProjector>.Instance, "node-1");
        await persister.StartAsync(CancellationToken.None);
        await projector.StartAsync(CancellationToken.None);

        // Three hours of a busy district, published in three waves: before, during and after the outage.
        var events = new DistrictSimulator(district, new SimulatorOptions { BackfillHours = 3, Speed = 3 }, Start).Advance(Start);
        var durable = events.Where(e => e.Lane == FeedLane.Durable).ToList();
        var waves = events.Chunk(events.Count / 3 + 1).ToList();

        await PublishAsync(bus, waves[0]);
        await persister.WaitForAsync(() => persister.Stored > 0, TimeSpan.FromSeconds(60));
        await server.KillAsync();
        await PublishAsync(bus, waves[1]);
        await persister.WaitForAsync(() => persister.StoreDown, TimeSpan.FromSeconds(60));
        await PublishAsync(bus, waves[2]);
        await PublishAsync(bus, waves[0].Take(500)); // a redelivery, as at-least-once delivery may bring
        await server.StartServerAsync();
        // Counted in the database, not by the persister: a batch whose COMMIT reached the server as it was killed is
        // stored although the persister saw it fail, and its retry then finds the events already there.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (await CountStoredAsync(store) < durable.Count || persister.StoreDown)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {await CountStoredAsync(store)} of {durable.Count} events stored after 120 s");
            await Task.Delay(100); // polling a condition with a deadline
        }

        await persister.StopAsync(CancellationToken.None);
        var last = await store.Log.ReadAsync(0, long.MaxValue, int.MaxValue, CancellationToken.None);
        await projector.WaitForAsync(() => projector.ProjectedUpTo == last[^1].Seq && !projector.StoreDown, TimeSpan.FromSeconds(120));
        await projector.StopAsync(CancellationToken.None);

        Assert.True(persister.Failures > 0, "the outage was never noticed");
        Assert.False(persister.StoreDown);
        Assert.InRange(persister.Stored, 1, durable.Count);
        await using var connection = await store.OpenAsync(CancellationToken.None);
        Assert.Equal(durable.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM feed_events WHERE source <> 'reference'"));
        Assert.Equal(durable.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT (source, event_id)) FROM feed_events WHERE source <> 'reference'"));
        Assert.Equal(events.Count(e => e.Kind == FeedEventKind.WorkOrderReported),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_orders"));
        var timelineRows = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_order_timeline");
        Assert.Equal(durable.Count(e => e.Kind is FeedEventKind.WorkOrderReported or FeedEventKind.WorkOrderActed), timelineRows);
        var verifier = new StoreVerifier(store.Log, store.Database, TestReference.Book(), TimeProvider.System);
        Assert.Empty(await verifier.VerifyAsync(CancellationToken.None));
    }

    private static async Task<long> CountStoredAsync(StoreSet store)
    {
        try
        {
            await using var connection = await store.OpenAsync(CancellationToken.None);
            return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM feed_events WHERE source <> 'reference'");
        }
        catch (Npgsql.NpgsqlException)
        {
            return -1; // still coming back up
        }
    }

    /// <summary>As a source does after a 503: sends again until accepted (the restarted server may still be coming up).</summary>
    private static async Task PublishWithRetryAsync(IFeedBus bus, IReadOnlyList<FeedEvent> events)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await bus.PublishManyAsync(events);
                return;
            }
            catch (FeedLogUnavailableException) when (attempt < 60)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }

    private static async Task PublishAsync(IFeedBus bus, IEnumerable<FeedEvent> events)
    {
        foreach (var e in events)
        {
            await bus.PublishAsync(e);
        }
    }
}
