using CommandCenter.Feeds.Reference;
using CommandCenter.Domain.Events;
using CommandCenter.Feeds.Bus;
using CommandCenter.Web.Storage;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommandCenter.Web.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Events_stored_at_their_bus_positions_replay_in_bus_order_whatever_order_they_were_stored_in()
    {
        var events = Lifecycle("POS-1", Now.AddHours(-1)).ToList();
        var positions = events.Select((_, i) => StreamId.Parse($"1796180000000-{i}").ToPosition()!.Value).ToList();
        // Two nodes store their shares, the later half first; one event arrives again at a later position (published twice).
        await Store.Log.AppendAtAsync([.. events.Select((e, i) => new LoggedEvent(positions[i], e)).Skip(3)], CancellationToken.None);
        await Store.Log.AppendAtAsync([new LoggedEvent(positions[^1] + 10, events[0])], CancellationToken.None);
        await Store.Log.AppendAtAsync([.. events.Select((e, i) => new LoggedEvent(positions[i], e)).Take(3)], CancellationToken.None);

        var log = await Store.Log.ReadAsync(0, long.MaxValue, 100, CancellationToken.None);

        Assert.Equal(events.Select(e => e.Id), log.Select(s => s.Event.Id));
        Assert.Equal(positions, log.Select(s => s.Seq));
    }

    [Fact]
    public async Task The_embedded_log_continues_after_the_positions_a_redis_deployment_stored()
    {
        var events = Lifecycle("SWITCH-1", Now.AddHours(-1)).ToList();
        var onRedis = StreamId.Parse("1796180000000-7").ToPosition()!.Value;
        await Store.Log.AppendAtAsync([new LoggedEvent(onRedis, events[0])], CancellationToken.None);

        using var gate = new StoreGate(Store.Migrations, Store.Log, TestReference.Book(), NoReferenceMirror.Instance, Clock, NullLogger<StoreGate>.Instance);
        await gate.StartAsync(CancellationToken.None);
        var embedded = new StoreFeedLog(Store.Log, Store.Database, gate);
        await embedded.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        var appended = await embedded.AppendAsync([.. events.Skip(1)], CancellationToken.None);

        Assert.All(appended, a => Assert.True(a.Position > onRedis, $"{a.Event.Id} at {a.Position}, before {onRedis}"));
        await using var connection = await Store.OpenAsync(CancellationToken.None);
        Assert.Equal(events.Select(e => e.Id), await connection.QueryAsync<string>("SELECT event_id FROM feed_events WHERE source <> 'reference' ORDER BY seq"));
    }
}
